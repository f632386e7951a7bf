package io.github.lancedb4j.store.internal;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.ExtensionTypeRegistry;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Makes Arrow Java recognise the extension types Lance puts in the schemas it exports — {@code lance.json} (its JSONB
 * columns) and {@code arrow.json} (JSON in scan results) — so that importing one does not log
 * {@code Unrecognized extension type: ...} at INFO (once per JSON column per schema import: lines at every start and
 * every search). The columns stay what they were: recognising the type hands back the column's storage type, exactly
 * what Arrow uses for an unknown extension, with the extension's name kept in the field metadata.
 */
public final class LanceExtensionTypes {

    private LanceExtensionTypes() {
    }

    /** Registers the types with Arrow's process-wide registry; repeating it is harmless. */
    public static void register() {
        for (StorageTypeExtension type : new StorageTypeExtension[] {
                new StorageTypeExtension("lance.json", ArrowType.LargeBinary.INSTANCE),
                new StorageTypeExtension("arrow.json", ArrowType.Utf8.INSTANCE)}) {
            if (ExtensionTypeRegistry.lookup(type.extensionName()) == null) {
                ExtensionTypeRegistry.register(type);
            }
        }
    }

    /** A JSON extension read as its storage type (JSONB in a large binary column, or JSON text). */
    static final class StorageTypeExtension extends ArrowType.ExtensionType {

        private final String name;
        private final ArrowType storage;

        StorageTypeExtension(String name, ArrowType storage) {
            this.name = name;
            this.storage = storage;
        }

        @Override
        public ArrowType storageType() {
            return storage;
        }

        @Override
        public String extensionName() {
            return name;
        }

        @Override
        public boolean extensionEquals(ArrowType.ExtensionType other) {
            return other instanceof StorageTypeExtension o && o.name.equals(name);
        }

        @Override
        public String serialize() {
            return "";
        }

        /** The column keeps the type Lance stored it with, so readers see the same vectors as without this type. */
        @Override
        public ArrowType deserialize(ArrowType storageType, String serializedData) {
            return storageType;
        }

        @Override
        public FieldVector getNewVector(String name, FieldType fieldType, BufferAllocator allocator) {
            return new LargeVarBinaryVector(name, allocator);
        }
    }
}
