namespace Actors.Benchmarks.Running;

/// <summary>One scenario of the suite: it measures and adds its rows to the run.</summary>
internal interface IScenario
{
    /// <summary>The name that selects it on the command line (<c>--scenario</c>).</summary>
    string Name { get; }

    /// <summary>The <c>scenario</c> values of the rows it produces (usually just <see cref="Name"/>).</summary>
    IReadOnlyList<string> RowScenarios => [Name];

    /// <summary>What it measures, one line for the printed header.</summary>
    string Measures { get; }

    /// <summary>
    /// The providers it measures when the command line names none; null for all. A scenario whose figure is the
    /// same whatever the storage (the gateway's fixed cost, memory per activation) runs on ours only by default.
    /// </summary>
    IReadOnlyList<string>? DefaultProviders => null;

    /// <summary>Measures on <paramref name="providers"/> and adds the rows to <paramref name="run"/>.</summary>
    Task RunAsync(BenchRun run, IReadOnlyList<Hosting.StorageProvider> providers);
}
