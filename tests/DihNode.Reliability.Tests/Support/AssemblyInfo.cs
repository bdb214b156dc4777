// Timing, CPU and memory figures are only meaningful when one test runs at a time: the node under test
// shares the process (and two cores) with the test runner.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
