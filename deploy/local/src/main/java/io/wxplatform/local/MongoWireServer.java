package io.wxplatform.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server backed by an H2 file, so the local platform keeps its state across restarts.
 * It has no transactions, TTL deletion or change streams; the services do not rely on any of them.
 */
final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private MongoWireServer(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    static MongoWireServer start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var backend = new H2Backend(dataDir.resolve("wxplatform.mv").toString());
        var server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new MongoWireServer(server, "mongodb://127.0.0.1:" + port);
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
