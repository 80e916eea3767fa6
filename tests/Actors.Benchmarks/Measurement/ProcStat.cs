using System.Globalization;

namespace Actors.Benchmarks.Measurement;

/// <summary>
/// A process as Linux's <c>/proc</c> shows it: its parent, the CPU time it used, and the CPU time of its children
/// that exited and were waited for. See proc(5).
/// </summary>
/// <param name="Pid">The process.</param>
/// <param name="ParentPid">Its parent.</param>
/// <param name="OwnCpu">User plus system time of the process itself.</param>
/// <param name="ReapedChildCpu">User plus system time of its children that exited and were waited for.</param>
internal sealed record ProcStat(int Pid, int ParentPid, TimeSpan OwnCpu, TimeSpan ReapedChildCpu)
{
    /// <summary>
    /// Clock ticks per second of <c>stat</c>'s time fields: USER_HZ, which the kernel fixes at 100 for user space on
    /// every architecture .NET runs on (it is part of the ABI, whatever the kernel's own HZ).
    /// </summary>
    public const int TicksPerSecond = 100;

    /// <summary>
    /// Parses a <c>/proc/PID/stat</c> line and, if given, the process's <c>/proc/PID/schedstat</c> line, whose first
    /// field is its time on a CPU in nanoseconds: far finer than <c>stat</c>'s 10 ms ticks, which matters for a backend
    /// that ran a few milliseconds in a round. Null if <paramref name="stat"/> is not a stat line.
    /// </summary>
    public static ProcStat? Parse(string stat, string? schedstat = null)
    {
        // The command name (field 2) is in parentheses and may itself hold spaces and parentheses: fields after it
        // are counted from the last ')'.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open <= 0 || close < open || !int.TryParse(stat.AsSpan(0, open).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        // After ')': state(3) ppid(4) pgrp(5) session(6) tty_nr(7) tpgid(8) flags(9) minflt(10) cminflt(11) majflt(12)
        // cmajflt(13) utime(14) stime(15) cutime(16) cstime(17) ...
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 15)
        {
            return null;
        }

        long Field(int number) => long.Parse(fields[number - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var own = schedstat?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var runNs, ..] && long.TryParse(runNs, NumberStyles.None, CultureInfo.InvariantCulture, out var ns)
            ? TimeSpan.FromTicks(ns / 100)
            : Ticks(Field(14) + Field(15));
        return new ProcStat(pid, (int)Field(4), own, Ticks(Field(16) + Field(17)));
    }

    /// <summary>
    /// CPU time of <paramref name="root"/> and all its descendants among <paramref name="processes"/>, including
    /// children of the root that have exited (a PostgreSQL backend that ended counts in its postmaster's reaped time).
    /// </summary>
    public static TimeSpan TreeCpu(IReadOnlyCollection<ProcStat> processes, int root)
    {
        var children = processes.ToLookup(p => p.ParentPid);
        var rootStat = processes.FirstOrDefault(p => p.Pid == root);
        if (rootStat is null)
        {
            return TimeSpan.Zero;
        }

        var total = rootStat.ReapedChildCpu;
        var pending = new Stack<ProcStat>([rootStat]);
        while (pending.TryPop(out var process))
        {
            total += process.OwnCpu;
            foreach (var child in children[process.Pid])
            {
                pending.Push(child);
            }
        }

        return total;
    }

    /// <summary>Reads every process now (processes that exit while being read are skipped).</summary>
    public static IReadOnlyList<ProcStat> ReadAll()
    {
        var stats = new List<ProcStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(directory)[0]))
            {
                continue;
            }

            try
            {
                var schedstat = Path.Combine(directory, "schedstat");
                if (Parse(File.ReadAllText(Path.Combine(directory, "stat")), File.Exists(schedstat) ? File.ReadAllText(schedstat) : null) is { } stat)
                {
                    stats.Add(stat);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading.
            }
        }

        return stats;
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds((double)ticks / TicksPerSecond);
}
