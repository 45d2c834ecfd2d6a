namespace Spbe.Sop;

/// <summary>What a pure decision function says about a command: accepted with its events and messages, or refused with a reason (a 409).</summary>
public abstract record Decision
{
    public sealed record Accepted(IReadOnlyList<object> Events, IReadOnlyList<object> Messages) : Decision;

    public sealed record Refused(string Reason) : Decision;

    public static Decision Accept(object @event, params object[] messages) => new Accepted([@event], messages);

    public static Decision Accept(IReadOnlyList<object> events, IReadOnlyList<object> messages) => new Accepted(events, messages);

    public static Decision Refuse(string reason) => new Refused(reason);
}

// Note for endpoint classes: Wolverine treats methods named Validate, Before, After, Load (and a few
// more) as middleware of every endpoint in the class: one use case per class, and pure input
// checks called from those are named Check or Read.
