package io.secho.conformance.learn;

import de.learnlib.exception.SULException;
import de.learnlib.sul.SUL;
import java.io.IOException;

/**
 * The server as LearnLib's system under learning: pre() opens a fresh connection (the reset between queries),
 * step() is one mapper step, post() closes. Forks share the mapper and run on connections of their own.
 */
public final class ServerSul implements SUL<String, String> {
    private final ServerMapper mapper;
    private ServerMapperConnection connection;

    public ServerSul(ServerMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void pre() {
        try {
            connection = mapper.open();
        } catch (IOException e) {
            throw new SULException(e);
        }
    }

    @Override
    public String step(String input) {
        if (connection == null) {
            throw new IllegalStateException("step before pre");
        }
        return connection.step(input);
    }

    @Override
    public void post() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public boolean canFork() {
        return true;
    }

    @Override
    public SUL<String, String> fork() {
        return new ServerSul(mapper);
    }
}
