package ru.otklik.streaming.types;

/**
 * A stateless, versioned serializer of an immutable Otklik type (see {@link VersionedSerializer}):
 * a copy is the value itself.
 */
public abstract class SingletonSerializer<T> extends VersionedSerializer<T> {

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }
}
