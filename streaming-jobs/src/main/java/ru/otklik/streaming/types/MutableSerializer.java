package ru.otklik.streaming.types;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A stateless serializer of a <em>mutable</em> state value (an operator changes it in place and puts
 * it back), versioned like {@link SingletonSerializer}. Copies are deep, made by writing and reading
 * the value: the heap state backend copies a value it is snapshotting while the operator goes on
 * changing it, and a shallow copy would let the snapshot change under it.
 */
public abstract class MutableSerializer<T> extends TypeSerializerSingleton<T> {

    /** The format this serializer writes. Raise it when the layout changes, and keep reading the old ones. */
    protected abstract int formatVersion();

    protected abstract void write(T value, DataOutputView out) throws IOException;

    protected abstract T read(int version, DataInputView in) throws IOException;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from.getClass().getSimpleName(), e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

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
