import Testing

/// Every suite that starts daemons, one at a time: they spawn processes, ptys and curl, and the tablet
/// protocol's 300 ms acknowledgement window should not compete with a dozen daemons on two cores.
@Suite(.serialized) enum DaemonSuites {}
