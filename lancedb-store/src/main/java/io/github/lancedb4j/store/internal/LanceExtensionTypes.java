package io.github.lancedb4j.store.internal;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.ExtensionTypeRegistry;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Makes Arrow Java recognise the extension types Lance puts in the schemas it exports, so that importing one does
 * not log {@code Unrecognized extension type: lance.json} at INFO (once per column, per schema import: tens of lines
 * per startup). The columns stay what they were: recognising the type hands back the column's storage type, exactly
 * what Arrow uses for an unknown extension, with the extension's name kept in the field metadata.
 */
public final class LanceExtensionTypes {

    private LanceExtensionTypes() {
    }

    /** Registers the types with Arrow's process-wide registry; repeating it is harmless. */
    public static void register() {
        if (ExtensionTypeRegistry.lookup(LanceJson.NAME) == null) {
            ExtensionTypeRegistry.register(new LanceJson());
        }
    }

    /** Lance's JSON column ({@code lance.json}, JSONB in a large binary column): read as its storage type. */
    static final class LanceJson extends ArrowType.ExtensionType {

        static final String NAME = "lance.json";

        @Override
        public ArrowType storageType() {
            return ArrowType.LargeBinary.INSTANCE;
        }

        @Override
        public String extensionName() {
            return NAME;
        }

        @Override
        public boolean extensionEquals(ArrowType.ExtensionType other) {
            return other instanceof LanceJson;
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
