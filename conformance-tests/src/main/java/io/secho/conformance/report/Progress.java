package io.secho.conformance.report;

/**
 * Told of every case as it is judged, while the run goes on: the jar shows a counter on a terminal and a
 * line now and then in a log. Called from the threads that run the cases.
 */
public interface Progress {
    /** Shows nothing: under Maven, and in the harness's own tests. */
    Progress NONE = new Progress() {
        @Override
        public void judged(int judged, long failed, long blocked) {
        }
    };

    /**
     * @param judged the cases judged so far
     * @param failed how many of them FAILED
     * @param blocked how many were BLOCKED
     */
    void judged(int judged, long failed, long blocked);

    /** The run is over: called before the summary is printed, so a counter can clear its line first. */
    default void finished() {
    }
}
