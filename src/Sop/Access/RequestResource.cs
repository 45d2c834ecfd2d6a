namespace Spbe.Sop;

/// <summary>What access rules ask of a request's resource in any service: whose OPD it is, who is on its team.</summary>
public interface IRequestResource
{
    string Opd { get; }

    bool IsMember(string? nip) => false;

    bool IsAppSecurity(string? nip) => false;

    bool IsExecutor(string? nip) => false;
}

/// <summary>A request's resource known only by its OPD (a timeline, say).</summary>
public sealed record OpdResource(string Opd) : IRequestResource;
