package ru.otklik.streaming.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A stateless serializer of one of Otklik's types whose every value starts with a format version
 * byte, so a value written by an older job (in state, or in an unaligned checkpoint's in-flight data)
 * is recognised and either read by the old rules or refused with a clear error, never misread.
 * {@link SingletonSerializer} is for immutable values, {@link MutableSerializer} for values an
 * operator changes in place.
 */
abstract class VersionedSerializer<T> extends TypeSerializerSingleton<T> {

    /** The format this serializer writes. Raise it when the layout changes, and keep reading the old ones. */
    protected abstract int formatVersion();

    protected abstract void write(T value, DataOutputView out) throws IOException;

    protected abstract T read(int version, DataInputView in) throws IOException;

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(T value, DataOutputView out) throws IOException {
        out.writeByte(formatVersion());
        write(value, out);
    }

    @Override
    public final T deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version > formatVersion()) {
            throw new IOException(getClass().getSimpleName() + ": format " + version + " is newer than this job ("
                    + formatVersion() + ")");
        }
        return read(version, in);
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }
}
