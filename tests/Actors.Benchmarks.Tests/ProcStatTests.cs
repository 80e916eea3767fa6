using Actors.Benchmarks.Measurement;

namespace Actors.Benchmarks.Tests;

public class ProcStatTests
{
    // Fields from proc(5): pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    private const string Backend = "4242 (postgres: bench (x) idle) S 4200 4200 4200 0 -1 4194560 10 0 0 0 150 50 7 3 20 0 1 0 100 0 0";

    [Fact]
    public void A_command_name_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        var stat = ProcStat.Parse(Backend)!;

        Assert.Equal(4242, stat.Pid);
        Assert.Equal(4200, stat.ParentPid);
        Assert.Equal(TimeSpan.FromSeconds(2), stat.OwnCpu); // (150 + 50) ticks at 100 a second
        Assert.Equal(TimeSpan.FromSeconds(0.1), stat.ReapedChildCpu); // (7 + 3) ticks
    }

    [Fact]
    public void Schedstat_run_time_in_nanoseconds_replaces_the_coarse_ticks()
    {
        var stat = ProcStat.Parse(Backend, "1234567000 999 42\n")!;

        Assert.Equal(TimeSpan.FromMilliseconds(1234.567), stat.OwnCpu);
        Assert.Equal(TimeSpan.FromSeconds(0.1), stat.ReapedChildCpu);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a stat line")]
    [InlineData("12 (short) S 1 2")]
    public void Anything_else_is_not_a_process(string line) => Assert.Null(ProcStat.Parse(line));

    [Fact]
    public void Tree_cpu_sums_the_root_its_descendants_and_its_reaped_children_but_not_strangers()
    {
        var processes = new[]
        {
            new ProcStat(100, 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), // postmaster; exited backends used 5 s
            new ProcStat(101, 100, TimeSpan.FromSeconds(2), TimeSpan.Zero), // backend
            new ProcStat(102, 100, TimeSpan.FromSeconds(3), TimeSpan.Zero), // backend
            new ProcStat(103, 102, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(100)), // grandchild: its reaped children are counted in its own parent's... not here
            new ProcStat(200, 1, TimeSpan.FromSeconds(50), TimeSpan.Zero), // another program
        };

        Assert.Equal(TimeSpan.FromSeconds(1 + 5 + 2 + 3 + 4), ProcStat.TreeCpu(processes, 100));
        Assert.Equal(TimeSpan.Zero, ProcStat.TreeCpu(processes, 999));
    }

    [Fact]
    public void This_process_is_found_among_all_processes_with_the_cpu_it_has_used()
    {
        var self = ProcStat.ReadAll().Single(p => p.Pid == Environment.ProcessId);

        Assert.True(self.OwnCpu > TimeSpan.Zero);
    }
}
