using Actors.Contracts;
using Actors.Contracts.Students;

namespace Actors.Grains.Students;

/// <summary>
/// The student's records as a whole (<see cref="Contracts.Internal.IStudentRecords"/>), for the school grain, which
/// admits only the school's administrators: export (audited) and erasure.
/// </summary>
public sealed partial class StudentGrain
{
    /// <inheritdoc />
    public Task<StudentRecords> Export(Caller caller)
    {
        var state = State;
        Audit(caller, "SchoolService.ExportStudentRecords");
        return Task.FromResult(new StudentRecords
        {
            Profile = state.Profile,
            Goals = state.GoalsInOrder(),
            Activities = state.ActivitiesInOrder(),
            Reflections = state.ReflectionsInOrder(),
            Resume = StudentResume.Build(StudentId, state),
            Classes = state.Classes,
            PageViews = WithBufferedViews(state.PageViews).AsNumbers(),
            RosteredAt = state.RosteredAt,
        });
    }

    /// <inheritdoc />
    public Task<bool> HoldsRecords()
    {
        var holds = storage.RecordExists && (State.IsRostered || State.Profile is not null || State.Goals.Count > 0 || State.Activities.Count > 0
            || State.Reflections.Count > 0 || State.Classes.Count > 0 || State.PageViews.Count > 0 || State.Documents.Count > 0);
        SleepIfOnlySynced();
        return Task.FromResult(holds);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetClassIds() => Task.FromResult<IReadOnlyList<string>>([.. State.Classes.Select(c => c.ClassId)]);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetDocumentIds() => Task.FromResult<IReadOnlyList<string>>([.. State.Documents.Keys.Order(StringComparer.Ordinal)]);

    /// <inheritdoc />
    public async Task BeginErasure()
    {
        // Written (not only remembered by this activation) before any document is touched: a link that comes later,
        // on any activation, is refused. Nothing to write for a grain that holds nothing: it links nothing anyway.
        if (!State.IsBeingErased && (storage.RecordExists || State.IsRostered))
        {
            await SaveAsync(State with { ErasingSince = Now });
        }
    }

    /// <inheritdoc />
    public async Task Erase()
    {
        // The audit trail outlives the records (it says who was shown them); the page views go with them.
        await FlushAuditAsync();
        _pageViews?.Clear();
        if (storage.RecordExists || State.IsRostered)
        {
            // A tombstone, not a DELETE: the row's version moves on, so no old ETag matches it again.
            await storage.ClearStateAsync();
        }

        storage.State = StudentStateMigration.Upgrade(storage.State, recordExists: false);
        this.DeactivateOnIdle();
    }
}
