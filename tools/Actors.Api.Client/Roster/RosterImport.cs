using Actors.Api.V1;
using Grpc.Core;

namespace Actors.Api.Client.Roster;

/// <summary>Where an import is: the file being sent and how many of its rows are done.</summary>
public sealed record RosterImportProgress(string FileName, int RowsDone, int RowsTotal);

/// <summary>What an import did: rows applied, rows already as the file says, and every row that failed.</summary>
public sealed record RosterImportReport(int Applied, int Unchanged, IReadOnlyList<RosterRowError> Errors)
{
    /// <summary>Rows that changed nothing or could not be applied are not changes.</summary>
    public int Changes => Applied;
}

/// <summary>
/// Sends roster files to <c>SchoolService.ImportRoster</c> in batches, users first, then classes, then enrollments.
/// Every batch is idempotent, so a batch that failed for a transient reason (a silo lost, a deadline) is sent again,
/// and an interrupted import run again converges.
/// </summary>
/// <param name="client">The gateway's school service.</param>
/// <param name="options">Call options (the school administrator's token) for each call.</param>
public sealed class RosterImport(SchoolService.SchoolServiceClient client, Func<CancellationToken, CallOptions> options)
{
    /// <summary>Rows per call. Default 200: a batch of new enrollments is a few hundred grain writes.</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>Attempts per batch on a transient failure. Default 6.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Imports the files given (in the order users, classes, enrollments, whatever the order passed).</summary>
    public async Task<RosterImportReport> RunAsync(IEnumerable<RosterCsvFile> files, IProgress<RosterImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (applied, unchanged, errors) = (0, 0, new List<RosterRowError>());
        foreach (var file in files.OrderBy(f => f.File))
        {
            errors.AddRange(file.Errors);
            var done = 0;
            progress?.Report(new RosterImportProgress(file.Name, 0, file.Rows.Count));
            foreach (var batch in file.Rows.Chunk(Math.Max(1, BatchSize)))
            {
                var request = new ImportRosterRequest { File = file.File, Rows = { batch } };
                var response = await SendAsync(request, cancellationToken);
                foreach (var result in response.Results)
                {
                    switch (result.Outcome)
                    {
                        case RosterRowOutcome.Applied: applied++; break;
                        case RosterRowOutcome.Unchanged: unchanged++; break;
                        default: errors.Add(new RosterRowError(file.Name, result.RowNumber, result.Error)); break;
                    }
                }

                done += batch.Length;
                progress?.Report(new RosterImportProgress(file.Name, done, file.Rows.Count));
            }
        }

        return new RosterImportReport(applied, unchanged, [.. errors.OrderBy(e => e.FileName, StringComparer.Ordinal).ThenBy(e => e.RowNumber)]);
    }

    private async Task<ImportRosterResponse> SendAsync(ImportRosterRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.ImportRosterAsync(request, options(cancellationToken));
            }
            catch (RpcException e) when (attempt < MaxAttempts && e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1)), cancellationToken);
            }
        }
    }
}
