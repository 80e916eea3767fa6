using System.Globalization;
using Actors.Contracts.Errors;
using Google.Protobuf.WellKnownTypes;

namespace Actors.Gateway.Mapping;

/// <summary>Conversions of scalar values between protobuf and the domain; malformed input becomes a <see cref="ValidationException"/>.</summary>
internal static class Convert
{
    private const string DateFormat = "yyyy-MM-dd";

    public static Timestamp ToProto(this DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);

    public static Timestamp? ToProto(this DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    public static string ToProto(this DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ToDomain(Timestamp? value, string field)
    {
        if (value is null)
        {
            throw new ValidationException(field, "is required.");
        }

        try
        {
            return value.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw new ValidationException(field, "is not a valid timestamp.");
        }
    }

    public static DateOnly ToDate(string value, string field)
        => DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ValidationException(field, $"is '{Truncate(value)}'; it must be a date as YYYY-MM-DD.");

    /// <summary>Hours travel as a double; the domain counts them in decimals (two places).</summary>
    public static decimal ToHours(double value, string field)
        => double.IsFinite(value) && Math.Abs(value) < 1e9
            ? (decimal)value
            : throw new ValidationException(field, "must be a finite number of hours.");

    /// <summary>Proto3 optional strings: absent stays null.</summary>
    public static string? Optional(bool has, string value) => has ? value : null;

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
