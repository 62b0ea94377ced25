package dev.outcrop.core.spi;

/**
 * Adds embedding models, discovered through {@link java.util.ServiceLoader} from
 * {@code META-INF/services/dev.outcrop.core.spi.EmbeddingModelProvider}.
 */
public interface EmbeddingModelProvider {

    /** A stable name, for messages. */
    String name();

    EmbeddingModel create(EmbeddingModelContext context);
}
