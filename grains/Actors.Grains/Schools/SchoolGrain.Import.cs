using Actors.Contracts;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Schools;
using Actors.Grains.Coordination;
using Actors.Grains.Validation;

namespace Actors.Grains.Schools;

/// <summary>
/// Roster import (OneRoster CSV rows, one batch per call). Users and classes rows are pure changes of the school's
/// own state, folded into one write per batch; enrollment rows go to their classes (<see cref="IClassRosterImport"/>),
/// classes in parallel, each class's rows in order with its teacher first. A row is applied whole or not at all: a
/// user row is one entry of one write; an enrollment row is the class's recorded intent, finished idempotently.
/// A row the roster already agrees with reports <see cref="RosterRowOutcome.Unchanged"/> and writes nothing. A
/// failure that is not the row's fault (storage unavailable) fails the whole call after the other rows are done,
/// so the client retries the batch; rows applied meanwhile then report unchanged.
/// </summary>
public sealed partial class SchoolGrain
{
    public async Task<IReadOnlyList<RosterRowResult>> ImportRoster(Caller caller, RosterFile file, IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "import rosters");
        ValidateBatch(file, rows);
        return file switch
        {
            RosterFile.Users => await ImportUsersAsync(rows, cancellationToken),
            RosterFile.Classes => await ImportClassesAsync(rows, cancellationToken),
            _ => await ImportEnrollmentsAsync(caller, rows),
        };
    }

    private async Task<RosterRowResult[]> ImportUsersAsync(IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
    {
        var results = new RosterRowResult[rows.Count];
        var working = State;
        var now = time.GetUtcNow();
        for (var i = 0; i < rows.Count; i++)
        {
            results[i] = ApplyRow(rows[i], () =>
            {
                var user = RosterRows.User(rows[i]);
                var outcome = SchoolRoster.Add(working, user.UserId, new SchoolMemberDraft(user.Role, user.DisplayName), now);
                var changed = outcome.Changes(working);
                working = outcome.State;
                return changed;
            });
        }

        if (!ReferenceEquals(working, State))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _state.SaveIfChangedAsync(working);
            await _reconciler.CompleteAsync();
        }

        return results;
    }

    private async Task<RosterRowResult[]> ImportClassesAsync(IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
    {
        var results = new RosterRowResult[rows.Count];
        var working = State;
        for (var i = 0; i < rows.Count; i++)
        {
            results[i] = ApplyRow(rows[i], () =>
            {
                var row = RosterRows.Class(rows[i]);
                new Validator().Text("title", row.Title, DomainLimits.ShortTextLength).ThrowIfInvalid();
                if (working.ImportedClasses.TryGetValue(row.ClassId, out var title) && title == row.Title)
                {
                    return false;
                }

                if (title is null)
                {
                    Limits.RoomForOneMore(working.ImportedClasses.Count, DomainLimits.ImportedClassesPerSchool, "the school's imported classes");
                }

                working = working with { ImportedClasses = working.ImportedClasses.SetItem(row.ClassId, row.Title) };
                return true;
            });
        }

        if (!ReferenceEquals(working, State))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _state.SaveIfChangedAsync(working);
        }

        return results;
    }

    private async Task<RosterRowResult[]> ImportEnrollmentsAsync(Caller caller, IReadOnlyList<RosterRow> rows)
    {
        var results = new RosterRowResult[rows.Count];
        var parsed = new List<(int Index, EnrollmentRow Row)>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var index = i;
            results[i] = ApplyRow(rows[i], () =>
            {
                parsed.Add((index, RosterRows.Enrollment(rows[index])));
                return false;
            });
        }

        // One class's rows run in order, its teacher first (the teacher's row creates the class); classes in parallel.
        var byClass = parsed
            .GroupBy(p => p.Row.ClassId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Row.Role == SchoolRole.Teacher ? 0 : 1).ToList())
            .ToList();
        var outcomes = await FanOut.RunAsync(byClass, _options.MaxParallelCalls, async group =>
        {
            var target = GrainFactory.GetGrain<IClassRosterImport>(GrainKeys.For(SchoolId, group[0].Row.ClassId));
            foreach (var (index, row) in group)
            {
                try
                {
                    var changed = row.Role == SchoolRole.Teacher
                        ? await target.ImportTeacher(caller, _state.Durable.ImportedClasses.GetValueOrDefault(row.ClassId), row.UserId)
                        : await target.ImportStudent(caller, row.UserId);
                    results[index] = RosterRowResult.Of(rows[index].RowNumber, changed);
                }
                catch (DomainException e)
                {
                    results[index] = RosterRowResult.Failed(rows[index].RowNumber, Describe(e));
                }
            }
        });
        FanOut.ThrowFirstError(outcomes);
        return results;
    }

    /// <summary>Runs one row's change; the row's own problems become its failed result, anything else propagates.</summary>
    private static RosterRowResult ApplyRow(RosterRow row, Func<bool> apply)
    {
        try
        {
            return RosterRowResult.Of(row.RowNumber, apply());
        }
        catch (RosterRowException e)
        {
            return RosterRowResult.Failed(row.RowNumber, e.Message);
        }
        catch (DomainException e)
        {
            return RosterRowResult.Failed(row.RowNumber, Describe(e));
        }
    }

    /// <summary>A domain error in the words of the file: its columns, not the grain's parameter names.</summary>
    private static string Describe(DomainException e) => e is ValidationException invalid
        ? string.Join("; ", invalid.Violations.Select(v => $"{Column(v.Field)} {v.Problem}"))
        : e.Message;

    private static string Column(string field) => field switch
    {
        "userId" => "sourcedId",
        "draft.displayName" => "the name (givenName familyName)",
        "studentId" => "userSourcedId",
        "draft.teacherId" => "userSourcedId",
        "draft.title" => "title",
        _ => field,
    };

    private static void ValidateBatch(RosterFile file, IReadOnlyList<RosterRow> rows)
    {
        Validator.NotNull(rows, "rows");
        var validator = new Validator()
            .Defined("file", file)
            .Range("rows.count", rows.Count, 1, DomainLimits.RosterRowsPerCall);
        for (var i = 0; i < rows.Count && validator.IsValid; i++)
        {
            var row = rows[i];
            validator
                .When(row is null || row.Fields is null, $"rows[{i}]", "is required, with its fields.")
                .When(row is not null && row.RowNumber < 2, $"rows[{i}].rowNumber", $"is {row?.RowNumber}; data rows start at 2 (the header is row 1).")
                .When(row?.Fields is { Count: > DomainLimits.RosterColumns }, $"rows[{i}].fields", $"has more than {DomainLimits.RosterColumns} columns.")
                .When(
                    row?.Fields is not null && row.Fields.Any(f => f.Key is null || f.Value is null || f.Key.Length > DomainLimits.RosterFieldLength || f.Value.Length > DomainLimits.RosterFieldLength),
                    $"rows[{i}].fields",
                    $"has a column name or value longer than {DomainLimits.RosterFieldLength} characters.");
        }

        validator.ThrowIfInvalid();
    }
}
