using System.Text;
using Actors.Api.Client.Roster;
using Actors.Api.V1;
using Actors.Contracts;
using Actors.Contracts.Classes;
using Actors.Contracts.Documents;
using Actors.Contracts.Schools;
using Actors.Fault.Tests.Infrastructure;
using Actors.Testing;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;
using CommentBody = Actors.Contracts.Documents.CommentBody;
using PagePoint = Actors.Contracts.Documents.PagePoint;
using RosterFile = Actors.Api.V1.RosterFile;
using RosterRowOutcome = Actors.Api.V1.RosterRowOutcome;
using SchoolRole = Actors.Contracts.Schools.SchoolRole;

namespace Actors.Fault.Tests.Faults;

/// <summary>
/// A school's long-running records work cut by a real silo kill: SIGKILL of the silo process where the school grain —
/// the coordinator of a roster import and of an erasure — is active, half way through, with the gateway and the other
/// silos running on. Each test then runs the work again through the gateway and checks the result in SQL: the import
/// applied every row exactly once, the erasure left no trace. Half way is a state seen in the database, never a time.
/// </summary>
[Trait("Category", "Fault")]
public sealed class RecordsInterruptedTests(ITestOutputHelper output)
{
    private const int Classes = 10, StudentsPerClass = 100;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_roster_import_cut_by_a_kill_of_the_schools_silo_converges_when_run_again_each_row_applied_once()
    {
        await using var stage = await RecordsStage.StartAsync("fault_import", output);
        var files = RosterFiles();
        var total = files.Sum(f => f.Rows.Count);
        var victim = await SchoolSiloAsync(stage);

        // Killed once a third of the enrollments are durable: the school is then coordinating classes (and they students).
        // The first run is given up at the kill, as an administrator stops the CLI whose server went away: the rerun
        // then has rows left to apply, beside what the kill left half done (students and enrollments recorded as intent).
        var first = new RecordingImport(stage);
        using var giveUp = new CancellationTokenSource();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var firstRun = first.RunAsync(files, giveUp.Token);
        await Poll.UntilAsync(() => EnrollmentsStoredAsync(stage.Database), n => n >= Classes * StudentsPerClass / 3 || firstRun.IsCompleted, Deadline, "a third of the enrollments stored");
        Assert.False(firstRun.IsCompleted, "the import finished before the kill: nothing was interrupted");
        victim.Crash();
        await giveUp.CancelAsync();
        output.WriteLine($"killed {started.Elapsed.TotalSeconds:0.0} s into the first run");
        var firstOutcome = await OutcomeAsync(firstRun);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var second = new RecordingImport(stage);
        var secondReport = await RecordsStage.UntilAnsweredAsync(() => second.RunAsync(files), Deadline, "the import run again");
        var rerunTook = clock.Elapsed;
        var third = await new RecordingImport(stage).RunAsync(files);
        output.WriteLine($"import of {total} rows, killed {victim.Name} (hosting the school) at {first.Applied.Count} rows acknowledged as applied; first run: {firstOutcome}; rerun: {secondReport.Applied} applied, {secondReport.Unchanged} unchanged in {rerunTook.TotalSeconds:0.0} s; third: {third.Applied} applied in {(clock.Elapsed - rerunTook).TotalSeconds:0.0} s");

        // Exactly once: no row was applied by both runs, every row is done, and the stored roster is the files'.
        Assert.Empty(secondReport.Errors);
        Assert.Empty(first.Applied.Intersect(second.Applied));
        Assert.Equal(total, secondReport.Applied + secondReport.Unchanged);
        Assert.Equal((0, total, 0), (third.Applied, third.Unchanged, third.Errors.Count));
        Assert.Equal((long)(Classes * (StudentsPerClass + 1)), await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state s, jsonb_each(s.state->'members') m WHERE s.grain_type = 'school' AND m.value->>'state' = 'Active'"));
        Assert.Equal((long)(Classes * StudentsPerClass), await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'student' AND state->>'rosteredAt' IS NOT NULL"));
        Assert.Equal(
            ((long)(Classes * StudentsPerClass), (long)(Classes * StudentsPerClass)),
            (await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state s, jsonb_array_elements(s.state->'roster') e WHERE s.grain_type = 'class' AND e->>'state' = 'Active'"),
             await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state s, jsonb_array_elements(s.state->'classes') c WHERE s.grain_type = 'student' AND c->>'state' = 'Active'")));
        Assert.Equal(0L, await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state s, jsonb_array_elements(s.state->'roster') e WHERE s.grain_type = 'class' AND e->>'state' <> 'Active'"));
        stage.Finish();
    }

    [Fact]
    public async Task An_erasure_cut_by_a_kill_of_the_schools_silo_is_finished_and_leaves_no_trace()
    {
        const int NamedDocuments = 12;
        await using var stage = await RecordsStage.StartAsync("fault_erasure", output);
        var (student, other, teacher) = (Caller.Student(FaultSchool.Id, "s-erased"), Caller.Student(FaultSchool.Id, "s-other"), Caller.Teacher(FaultSchool.Id, "t-teacher"));
        await ArrangeStudentWithDataInManyDocumentsAsync(stage, student, other, teacher, NamedDocuments);
        var victim = await SchoolSiloAsync(stage);
        Assert.True(await MentionsAsync(stage, student.UserId));

        // The barrier: the class's row is locked, so the erasure stops after the documents — the intent recorded, the
        // student marked as being erased (its first step), every document erased, the class's write waiting — and is
        // killed there. (Not the student's row: the erasure writes it first, to refuse new links to the student.)
        var classRow = await LockRowAsync(stage, "class", FaultSchool.Key("c-history"));
        var erasure = stage.Schools.EraseStudentAsync(new EraseStudentRequest { StudentId = student.UserId }, stage.AdminCall(Deadline)).ResponseAsync;
        await Poll.UntilAsync(
            async () => (await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'school' AND state->'erasures' @> to_jsonb($1::text)", student.UserId),
                         await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'document' AND state::text LIKE $1", $"%{student.UserId}%")),
            seen => seen == (1, 0) || erasure.IsCompleted,
            Deadline,
            "the erasure recorded and past the documents");
        Assert.False(erasure.IsCompleted, "the erasure finished past a locked row");
        victim.Crash();
        Assert.True(await victim.WaitForExitAsync(Deadline), "the killed silo did not exit");

        // Cut short: the intent is still recorded (the class's write cannot have gone through while the lock holds).
        Assert.Equal(1L, await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'school' AND state->'erasures' @> to_jsonb($1::text)", student.UserId));
        await classRow.DisposeAsync();

        // The call that was cut may still succeed: the gateway retries it, and the school's new activation finishes it.
        output.WriteLine($"erasure: killed {victim.Name} (hosting the school) with the documents erased and the class's row locked; the first call: {await OutcomeAsync(erasure)}");

        // Run again: it succeeds (finishing what the intent records, or finding it finished by the school's reactivation),
        // and so does a third time.
        await RecordsStage.UntilAnsweredAsync(() => stage.Schools.EraseStudentAsync(new EraseStudentRequest { StudentId = student.UserId }, stage.AdminCall(TimeSpan.FromSeconds(20))).ResponseAsync, Deadline, "the erasure run again");
        await stage.Schools.EraseStudentAsync(new EraseStudentRequest { StudentId = student.UserId }, stage.AdminCall(TimeSpan.FromSeconds(20)));

        // No trace: no state or item row mentions the student, their row is a tombstone, no intent is left; the others'
        // work stays (the other student's annotation on the handout, the teacher's on every named document).
        Assert.False(await MentionsAsync(stage, student.UserId), "a state or item row still mentions the erased student");
        Assert.Equal(true, await stage.Database.ScalarAsync("SELECT state IS NULL FROM orleans_grain_state WHERE grain_type = 'student' AND grain_key = $1", FaultSchool.Key(student.UserId)));
        Assert.Equal(0L, await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'school' AND jsonb_array_length(state->'erasures') > 0"));
        Assert.Equal((long)NamedDocuments, await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state_items WHERE grain_type = 'document' AND collection = 'annotations' AND item->>'authorId' = $1", teacher.UserId));
        Assert.Equal(1L, await ScalarAsync<long>(stage, "SELECT count(*) FROM orleans_grain_state_items WHERE grain_type = 'document' AND collection = 'annotations' AND item->>'authorId' = $1", other.UserId));
        stage.Finish();
    }

    /// <summary>Activates the school grain (through the gateway, as the work will) and returns the silo it is on.</summary>
    private static async Task<SiloProcess> SchoolSiloAsync(RecordsStage stage)
    {
        await stage.Schools.ListMembersAsync(new ListMembersRequest { PageSize = 1 }, stage.AdminCall(Deadline));
        return await stage.SiloHostingAsync(stage.Client.Grains.GetGrain<ISchoolGrain>(FaultSchool.Id));
    }

    /// <summary>
    /// A student with something in many documents: a class handout they annotated (beside another student), their copy
    /// of the class's assignment, a document of their own, and <paramref name="namedDocuments"/> documents a teacher
    /// shared with them by name, each annotated by both.
    /// </summary>
    private static async Task ArrangeStudentWithDataInManyDocumentsAsync(RecordsStage stage, Caller student, Caller other, Caller teacher, int namedDocuments)
    {
        var grains = stage.Client.Grains;
        var school = grains.GetGrain<ISchoolGrain>(FaultSchool.Id);
        await school.AddMember(FaultSchool.Admin, student.UserId, new SchoolMemberDraft(SchoolRole.Student, "Erased"));
        await school.AddMember(FaultSchool.Admin, other.UserId, new SchoolMemberDraft(SchoolRole.Student, "Other"));
        await school.AddMember(FaultSchool.Admin, teacher.UserId, new SchoolMemberDraft(SchoolRole.Teacher, "Teacher"));
        var cls = grains.GetGrain<IClassGrain>(FaultSchool.Key("c-history"));
        await cls.Create(FaultSchool.Admin, new ClassDraft("History", teacher.UserId));
        await cls.Enroll(FaultSchool.Admin, student.UserId);
        await cls.Enroll(FaultSchool.Admin, other.UserId);
        var handout = grains.GetGrain<IDocumentGrain>(FaultSchool.Key("d-handout"));
        await handout.Create(teacher, new DocumentDraft("Treaty", 2, "s3://docs/treaty.pdf"));
        await handout.ShareWithClass(teacher, "c-history");
        await cls.AssignDocument(teacher, "a-essay", new AssignmentDraft("d-handout", DateTimeOffset.UtcNow.AddDays(7)));
        await handout.AddAnnotation(student, Comment("n-handout"));
        await handout.AddAnnotation(other, Comment("n-other"));
        await grains.GetGrain<IDocumentGrain>(FaultSchool.Key(DocumentCopyId.For("c-history", "a-essay", student.UserId))).AddAnnotation(student, Comment("n-copy"));
        var own = grains.GetGrain<IDocumentGrain>(FaultSchool.Key("d-own"));
        await own.Create(student, new DocumentDraft("My notes", 1, "s3://docs/own.pdf"));
        await own.AddAnnotation(student, Comment("n-own"));
        await Parallel.ForEachAsync(Enumerable.Range(0, namedDocuments), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var named = grains.GetGrain<IDocumentGrain>(FaultSchool.Key($"d-named-{i}"));
            await named.Create(teacher, new DocumentDraft($"Reading {i}", 1, $"s3://docs/reading-{i}.pdf"));
            await named.ShareWithReader(teacher, student.UserId);
            await named.AddAnnotation(teacher, Comment($"n-teacher-{i}"));
            await named.AddAnnotation(student, Comment($"n-student-{i}"));
        });
    }

    private static AnnotationDraft Comment(string id) => new(id, 1, new CommentBody { Anchor = new PagePoint(0.5, 0.5), Text = "A note" });

    /// <summary>
    /// Holds a row lock on one grain's state row (until disposed): the erasure's write of it waits, so the erasure
    /// stands still at that step.
    /// </summary>
    private static async Task<IAsyncDisposable> LockRowAsync(RecordsStage stage, string grainType, string grainKey)
    {
        var connection = new NpgsqlConnection(stage.Database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM orleans_grain_state WHERE grain_type = $1 AND grain_key = $2 FOR UPDATE", connection, transaction)
        {
            Parameters = { new() { Value = grainType }, new() { Value = grainKey } },
        };
        Assert.NotNull(await command.ExecuteScalarAsync());
        return new RowLock(connection, transaction);
    }

    /// <summary>A row lock held by an open transaction; disposing rolls it back and closes the connection.</summary>
    private sealed class RowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private static async Task<bool> MentionsAsync(RecordsStage stage, string studentId)
        => (bool)(await stage.Database.ScalarAsync(
            """
            SELECT EXISTS (SELECT 1 FROM orleans_grain_state WHERE state::text LIKE $1)
                OR EXISTS (SELECT 1 FROM orleans_grain_state_items WHERE item::text LIKE $1)
            """,
            $"%{studentId}%"))!;

    private static async Task<long> EnrollmentsStoredAsync(PostgresDatabase database)
        => Convert.ToInt64(await database.ScalarAsync("SELECT coalesce(sum(jsonb_array_length(state->'roster')), 0) FROM orleans_grain_state WHERE grain_type = 'class' AND state IS NOT NULL"));

    private static async Task<T> ScalarAsync<T>(RecordsStage stage, string sql, params object[] parameters)
        => (T)Convert.ChangeType((await stage.Database.ScalarAsync(sql, parameters))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How a call cut by the kill ended: it may have succeeded (the gateway retried it elsewhere) or failed.</summary>
    private static async Task<string> OutcomeAsync(Task call)
    {
        try
        {
            await call;
            return "succeeded";
        }
        catch (RpcException e)
        {
            return $"failed with {e.StatusCode}";
        }
        catch (OperationCanceledException)
        {
            return "given up";
        }
    }

    /// <summary>
    /// The OneRoster files of <see cref="Classes"/> classes of <see cref="StudentsPerClass"/> students each: users (students
    /// and a teacher per class), classes, enrollments — a few thousand rows.
    /// </summary>
    private static List<RosterCsvFile> RosterFiles()
    {
        var users = new StringBuilder("sourcedId,status,role,username,givenName,familyName\n");
        var classes = new StringBuilder("sourcedId,title,classType\n");
        var enrollments = new StringBuilder("sourcedId,classSourcedId,userSourcedId,role\n");
        for (var c = 0; c < Classes; c++)
        {
            users.Append($"t{c},active,teacher,t{c},Teacher,{c}\n");
            classes.Append($"c{c},Class {c},scheduled\n");
            enrollments.Append($"e-t{c},c{c},t{c},teacher\n");
            for (var s = 0; s < StudentsPerClass; s++)
            {
                var id = $"s{(c * StudentsPerClass) + s}";
                users.Append($"{id},active,student,{id},Student,{id}\n");
                enrollments.Append($"e-{id},c{c},{id},student\n");
            }
        }

        return
        [
            RosterCsv.Read(new StringReader(users.ToString()), RosterFile.Users, "users.csv"),
            RosterCsv.Read(new StringReader(classes.ToString()), RosterFile.Classes, "classes.csv"),
            RosterCsv.Read(new StringReader(enrollments.ToString()), RosterFile.Enrollments, "enrollments.csv"),
        ];
    }

    /// <summary>
    /// The CLI's importer (<see cref="RosterImport"/>: batches of 200, transient failures retried) through the gateway as
    /// the school's administrator, remembering each row the gateway acknowledged as applied.
    /// </summary>
    private sealed class RecordingImport(RecordsStage stage)
    {
        private readonly RecordingClient _client = new(stage);

        /// <summary>Rows (file, row number) acknowledged as applied.</summary>
        public IReadOnlySet<(RosterFile File, int Row)> Applied => _client.Applied;

        public Task<RosterImportReport> RunAsync(IEnumerable<RosterCsvFile> files, CancellationToken cancellationToken = default)
            => new RosterImport(_client, call => stage.AdminCall(TimeSpan.FromSeconds(20), call)).RunAsync(files, cancellationToken: cancellationToken);

        private sealed class RecordingClient(RecordsStage stage) : SchoolService.SchoolServiceClient(stage.Channel)
        {
            private readonly HashSet<(RosterFile, int)> _applied = [];

            public IReadOnlySet<(RosterFile File, int Row)> Applied => _applied;

            public override AsyncUnaryCall<ImportRosterResponse> ImportRosterAsync(ImportRosterRequest request, CallOptions options)
            {
                var call = base.ImportRosterAsync(request, options);
                return new AsyncUnaryCall<ImportRosterResponse>(RecordAsync(request.File, call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
            }

            private async Task<ImportRosterResponse> RecordAsync(RosterFile file, Task<ImportRosterResponse> response)
            {
                var answer = await response;
                lock (_applied)
                {
                    foreach (var result in answer.Results.Where(r => r.Outcome == RosterRowOutcome.Applied))
                    {
                        Assert.True(_applied.Add((file, result.RowNumber)), $"{file} row {result.RowNumber} acknowledged as applied twice in one run");
                    }
                }

                return answer;
            }
        }
    }
}
