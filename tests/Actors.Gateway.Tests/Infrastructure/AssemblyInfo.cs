// Each collection starts silos and a gateway; one at a time keeps a 2-core machine's timings (and silo-loss
// detection) predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
