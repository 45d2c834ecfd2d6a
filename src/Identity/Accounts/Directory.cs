using Microsoft.AspNetCore.Identity;

namespace Spbe.Identity.Accounts;

/// <summary>Who a signed-in person or a token's subject is now: asked at every code and refresh, so a removed account stops at once.</summary>
public interface IPeopleDirectory
{
    Task<Person?> FindAsync(string id);
}

/// <summary>Development: the demo people of the configuration, who sign in without a password.</summary>
public sealed class ConfiguredPeople(IdentitySettings settings) : IPeopleDirectory
{
    public Task<Person?> FindAsync(string id) => Task.FromResult(settings.People.GetValueOrDefault(id));
}

/// <summary>
/// Production: the accounts, by user name. A disabled account is nobody; one locked out for a while by failed sign-ins
/// keeps its sessions, or a stranger guessing passwords could end them.
/// </summary>
public sealed class AccountPeople(UserManager<Account> users) : IPeopleDirectory
{
    public async Task<Person?> FindAsync(string id) =>
        await users.FindByNameAsync(id) is { } account && !account.IsDisabled ? account.ToPerson() : null;
}
