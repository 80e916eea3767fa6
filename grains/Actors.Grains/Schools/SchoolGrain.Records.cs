using Actors.Contracts;
using Actors.Contracts.Audit;
using Actors.Contracts.Errors;
using Actors.Contracts.Internal;
using Actors.Contracts.Schools;
using Actors.Grains.Validation;

namespace Actors.Grains.Schools;

/// <summary>
/// A student's records as a whole, for the school's administrators: the audit trail of reads by others (kept by the
/// <see cref="IAuditTrail"/>, buffered by the student grain).
/// </summary>
public sealed partial class SchoolGrain
{
    public async Task<AuditEventPage> ListAuditEvents(Caller caller, string studentId, AuditCursor? after, int limit, CancellationToken cancellationToken)
    {
        SchoolAccess.RequireAdmin(caller, SchoolId, "read the audit trail");
        new Validator()
            .Id("studentId", studentId)
            .Range("limit", limit, 1, MaxPageSize)
            .ThrowIfInvalid();
        RequireRosteredStudent(studentId);

        // Reads whose events the student still buffers are listed too.
        await Records(studentId).FlushAudit();
        var events = await auditTrail.ListAsync(SchoolId, studentId, after, limit + 1, cancellationToken);
        return new AuditEventPage([.. events.Take(limit)], events.Count > limit);
    }

    /// <summary>A student on the roster; any other id is no student (as one of another school would be).</summary>
    private void RequireRosteredStudent(string studentId)
    {
        if (State.Members.GetValueOrDefault(studentId) is not { Role: SchoolRole.Student, IsRostered: true })
        {
            throw new NotFoundException("student", studentId);
        }
    }

    private IStudentRecords Records(string studentId) => GrainFactory.GetGrain<IStudentRecords>(GrainKeys.For(SchoolId, studentId));
}
