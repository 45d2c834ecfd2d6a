using System.Text;
using Npgsql;
using Spbe.ServiceDefaults;

namespace Spbe.Reporting.AuditLog;

/// <summary>The audit log's filters, read and checked once for the list and the export.</summary>
public sealed class AuditFilter
{
    public Guid? RequestId { get; private init; }
    public string? Opd { get; private init; }
    public string? Actor { get; private init; }
    public string? Type { get; private init; }
    public DateTimeOffset? From { get; private init; }
    public DateTimeOffset? To { get; private init; }

    public static AuditFilter Read(string? requestId, string? opd, string? actor, string? type, string? from, string? to, Errors errors)
    {
        Guid? id = null;
        if (!string.IsNullOrWhiteSpace(requestId))
        {
            if (Guid.TryParse(requestId, out var g)) id = g;
            else errors.Add("requestId", "A UUID.");
        }
        if (!string.IsNullOrWhiteSpace(type) && !MessageTypes.ByName.ContainsKey(type.Trim()))
            errors.Add("type", $"One of: {string.Join(", ", MessageTypes.ByName.Keys.Order())}.");
        if (actor?.Length > 200) errors.Add("actor", "At most 200 characters.");
        return new AuditFilter
        {
            RequestId = id,
            Opd = string.IsNullOrWhiteSpace(opd) ? null : Spbe.Contracts.OpdCode.Normalize(opd),
            Actor = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim(),
            Type = string.IsNullOrWhiteSpace(type) ? null : type.Trim(),
            From = errors.WibDay("from", from),
            To = errors.WibDay("to", to, addDays: 1),
        };
    }

    /// <summary>The WHERE clause (with <c>and</c>-joined conditions) and its parameters, added to <paramref name="cmd"/>.</summary>
    public string Where(NpgsqlCommand cmd, long? after = null)
    {
        var conditions = new List<string>();
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            cmd.Parameters.AddWithValue(name, value);
        }
        if (RequestId is { } id) Add("request_id = @request_id", "request_id", id);
        if (Opd is { } opd) Add("opd = @opd", "opd", opd);
        if (Actor is { } actor) Add("actor_id = @actor", "actor", actor);
        if (Type is { } type) Add("type = @type", "type", type);
        if (From is { } from) Add("occurred_at >= @from", "from", from);
        if (To is { } to) Add("occurred_at < @to", "to", to);
        if (after is { } a) Add("seq > @after", "after", a);
        return conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions);
    }

    public const string Columns =
        "seq, message_key, type, request_id, request_number, opd, actor_id, actor_name, actor_role, actor_nip, occurred_at, recorded_at, payload, prev_hash, content_hash, hash";

    public static AuditEntry ReadEntry(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetGuid(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
        r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11),
        r.GetString(12), r.GetString(13), r.GetString(14), r.GetString(15));
}
