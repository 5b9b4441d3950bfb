package io.wxplatform.testkit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.testcontainers.mongodb.MongoDBContainer;

/** A running MongoDB of either kind. */
interface MongoServerHandle extends AutoCloseable {

    String MONGO_IMAGE = "mongo:7.0";

    String uri();

    @Override
    void close();

    static MongoServerHandle embedded() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        return new MongoServerHandle() {
            @Override
            public String uri() {
                return uri;
            }

            @Override
            public void close() {
                server.shutdownNow();
            }
        };
    }

    static MongoServerHandle container() {
        MongoDBContainer container = new MongoDBContainer(MONGO_IMAGE);
        container.start();
        String uri = container.getConnectionString();
        return new MongoServerHandle() {
            @Override
            public String uri() {
                return uri;
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
