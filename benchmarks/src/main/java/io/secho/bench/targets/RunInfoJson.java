package io.secho.bench.targets;

import com.google.gson.JsonObject;
import io.secho.bench.report.RunInfo;

/** {@link RunInfo} as the "run" object of the results and baseline files. */
final class RunInfoJson {
    private RunInfoJson() {
    }

    static JsonObject toJson(RunInfo info) {
        JsonObject run = new JsonObject();
        run.addProperty("date", info.date());
        run.addProperty("machine", info.machine());
        run.addProperty("revision", info.revision());
        run.addProperty("run", info.run());
        run.addProperty("load", info.load());
        return run;
    }

    static RunInfo fromJson(JsonObject run) {
        return new RunInfo(run.get("date").getAsString(), run.get("machine").getAsString(),
                run.get("revision").getAsString(), run.get("run").getAsString(), run.get("load").getAsString());
    }
}
