using Actors.Api.V1;
using CsvHelper;

namespace Actors.Api.Client.Roster;

/// <summary>A roster file read from disk: its rows to send, and the rows that could not even be read.</summary>
/// <param name="File">Which OneRoster file it is.</param>
/// <param name="Name">The file's name, as errors report it.</param>
/// <param name="Rows">The readable rows, with their row numbers (the header is row 1).</param>
/// <param name="Errors">Rows refused before sending (a wrong number of fields).</param>
public sealed record RosterCsvFile(RosterFile File, string Name, IReadOnlyList<RosterRow> Rows, IReadOnlyList<RosterRowError> Errors);

/// <summary>One row that was not applied: the file, its row number and why.</summary>
public sealed record RosterRowError(string FileName, int RowNumber, string Error)
{
    /// <inheritdoc />
    public override string ToString() => $"{FileName} row {RowNumber}: {Error}";
}

/// <summary>Reads OneRoster 1.1 CSV files (RFC 4180, a header row of column names) into rows for <c>ImportRoster</c>.</summary>
public static class RosterCsv
{
    /// <summary>Reads <paramref name="path"/>. A file without a header is an error for the whole file (<see cref="InvalidDataException"/>).</summary>
    public static RosterCsvFile Read(string path, RosterFile file)
    {
        using var reader = new StreamReader(path);
        return Read(reader, file, Path.GetFileName(path));
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>. Row numbers are lines (the header is row 1; a row is numbered by the line it starts on).</summary>
    public static RosterCsvFile Read(TextReader reader, RosterFile file, string name)
    {
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: true);
        var columns = csv.Headers.Select(h => h.Trim()).ToArray();
        if (columns.Length == 0 || columns.All(c => c.Length == 0))
        {
            throw new InvalidDataException($"{name} is empty: a OneRoster file starts with a header row of column names.");
        }

        var rows = new List<RosterRow>();
        var errors = new List<RosterRowError>();
        while (csv.Read())
        {
            if (csv.FieldCount != columns.Length)
            {
                errors.Add(new RosterRowError(name, checked((int)csv.LineNumber), $"has {csv.FieldCount} fields; the header has {columns.Length}."));
                continue;
            }

            var row = new RosterRow { RowNumber = checked((int)csv.LineNumber) };
            for (var i = 0; i < columns.Length; i++)
            {
                row.Fields[columns[i]] = csv.GetString(i);
            }

            rows.Add(row);
        }

        if (file == RosterFile.Enrollments)
        {
            // A teacher's enrollment creates the class, so every teacher row goes before the student rows.
            rows = [.. rows.OrderBy(r => r.Fields.TryGetValue("role", out var role) && role.Trim() == "teacher" ? 0 : 1)];
        }

        return new RosterCsvFile(file, name, rows, errors);
    }
}
