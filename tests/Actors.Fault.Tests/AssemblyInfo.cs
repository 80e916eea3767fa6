// Every test runs a cluster of silo processes and measures times: run them one at a time, on the machine's two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
