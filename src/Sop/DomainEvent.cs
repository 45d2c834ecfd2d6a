using Spbe.Contracts;

namespace Spbe.Sop;

/// <summary>A service's own event: every one says who did it and when.</summary>
public interface IDomainEvent
{
    Actor Actor { get; }
    DateTimeOffset At { get; }
}
