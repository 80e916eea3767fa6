using System.Diagnostics;

namespace Actors.Benchmarks.Measurement;

/// <summary>
/// A heap dump of this process, written by <c>dotnet-dump</c> (a .NET global tool, on PATH): what the memory
/// scenario's activations hold, type by type, for <c>dotnet-dump analyze FILE -c "dumpheap -stat"</c>.
/// </summary>
internal static class HeapDump
{
    /// <summary>Writes the dump to <paramref name="path"/>; throws if the tool is missing or fails.</summary>
    public static async Task WriteAsync(string path, TextWriter log)
    {
        var start = new ProcessStartInfo("dotnet-dump")
        {
            ArgumentList = { "collect", "-p", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--type", "Heap", "-o", Path.GetFullPath(path) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var tool = Process.Start(start) ?? throw new InvalidOperationException("dotnet-dump did not start.");
        var output = tool.StandardOutput.ReadToEndAsync();
        var errors = tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync();
        if (tool.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-dump failed ({tool.ExitCode}): {await errors}{await output}");
        }

        log.WriteLine($"  heap dump written to {path}");
    }
}
