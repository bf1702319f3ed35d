package io.secho.conformance.targets;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the Docker engine answers, asked with a bound. Testcontainers' own check can wait for minutes: on
 * first use it starts its Ryuk helper container, and where the helper's image is not present and no registry is
 * reachable it retries the pull for a long time. The harness removes its own containers and needs no helper,
 * so a run that meets this says how to switch it off instead of hanging.
 */
final class EngineCheck {
    /** Long enough for a first pull of the small helper image where a registry is reachable. */
    static final Duration LIMIT = Duration.ofSeconds(30);
    static final String RYUK_SWITCH = "TESTCONTAINERS_RYUK_DISABLED";
    static final String HOST_SWITCH = "TESTCONTAINERS_HOST_OVERRIDE";

    private EngineCheck() {
    }

    /**
     * @param available Testcontainers' check; runs on a thread of its own, left behind (a daemon) if it overruns
     * @throws IOException saying why there is no engine to use, and what to do
     */
    static void require(Callable<Boolean> available, Duration limit, Map<String, String> environment)
            throws IOException {
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread daemon = new Thread(runnable, "secho-docker-engine-check");
            daemon.setDaemon(true);
            return daemon;
        });
        Future<Boolean> answer = thread.submit(available);
        thread.shutdown();
        boolean up;
        try {
            up = answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            List<String> unset = new ArrayList<>();
            if (!"true".equalsIgnoreCase(environment.getOrDefault(RYUK_SWITCH, ""))) {
                unset.add(RYUK_SWITCH + "=true");
            }
            if (!environment.containsKey(HOST_SWITCH)) {
                unset.add(HOST_SWITCH + "=localhost");
            }
            throw new IOException("the Docker engine did not answer Testcontainers within " + limit.toSeconds() + " s"
                    + (unset.isEmpty() ? "" : ": Testcontainers starts helper containers (Ryuk; a probe of the host's "
                    + "address when it believes it runs in a container), whose images it must pull, and no registry "
                    + "seems reachable; the harness needs neither, so set " + String.join(" and ", unset)));
        } catch (ExecutionException e) {
            up = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking for the Docker engine");
        }
        if (!up) {
            throw new IOException("--image needs a Docker engine, and none answers here (start dockerd, or set "
                    + "DOCKER_HOST)");
        }
    }
}
