using Actors.Benchmarks.Capacity;
using Actors.Testing;

namespace Actors.Benchmarks.Tests;

public class WorkloadTests
{
    [Fact]
    public void The_repositorys_workload_file_reads_and_is_valid()
    {
        var workload = Workload.Read(Repository.Path("docs", "capacity-workload.json"));

        Assert.Equal(30_000_000, workload.Users);
        Assert.Equal(1_000_000, workload.RampUsersPerWeek);
        Assert.Contains(workload.Operations, o => o.Name == "annotation add");
        Assert.All(workload.Operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Basis), $"{o.Name} says where its rate comes from"));
    }

    [Fact]
    public void Out_of_range_values_are_named()
    {
        var valid = CapacityModelTests.Workload();

        Assert.Null(valid.Validate());
        Assert.Contains("peak shares", valid with { Peak = valid.Peak with { LessonShare = 1.5 } } is var w ? w.Validate() : null);
        Assert.Contains("silo", (valid with { Silo = valid.Silo with { Vcpus = 0 } }).Validate());
        Assert.Contains("'write'", (valid with { Operations = [valid.Operations[0] with { Costs = [] }] }).Validate());
    }

    [Fact]
    public void Unknown_fields_in_a_workload_file_are_refused_rather_than_ignored()
    {
        var path = Path.Combine(Path.GetTempPath(), $"workload-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, File.ReadAllText(Repository.Path("docs", "capacity-workload.json")).Replace("\"users\":", "\"userz\": 1, \"users\":", StringComparison.Ordinal));
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => Workload.Read(path));

            Assert.Contains("userz", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_generated_section_replaces_only_what_is_between_the_markers()
    {
        var document = $"# Capacity\n\nMethod by hand.\n\n{CapacityReport.BeginMarker}\n\nold figures\n\n{CapacityReport.EndMarker}\n\nMore prose.\n";

        var updated = CapacityReport.ReplaceSection(document, "new figures\n");

        Assert.Equal($"# Capacity\n\nMethod by hand.\n\n{CapacityReport.BeginMarker}\n\nnew figures\n\n{CapacityReport.EndMarker}\n\nMore prose.\n", updated);
        Assert.Equal(updated, CapacityReport.ReplaceSection(updated, "new figures\n"));
        Assert.Throws<InvalidDataException>(() => CapacityReport.ReplaceSection("# no markers", "x"));
    }
}
