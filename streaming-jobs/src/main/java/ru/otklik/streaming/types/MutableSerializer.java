package ru.otklik.streaming.types;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A stateless, versioned serializer of a <em>mutable</em> state value (an operator changes it in
 * place and puts it back; see {@link VersionedSerializer}). Copies are deep, made by writing and
 * reading the value: the heap state backend copies a value it is snapshotting while the operator goes
 * on changing it, and a shallow copy would let the snapshot change under it.
 */
public abstract class MutableSerializer<T> extends VersionedSerializer<T> {

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
}
