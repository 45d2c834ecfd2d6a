using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Spbe.Identity.Accounts;

/// <summary>
/// The operator's account commands, run by the provider's own executable against its database
/// (<c>Spbe.Identity account add dewi --name "Ir. Dewi Lestari" --role kasi-aplikasi --nip 197905172003122001</c>, the
/// password on standard input). A new account, or a new authenticator, prints the <c>otpauth://</c> address the person
/// adds to an authenticator app; nothing else ever shows the key.
/// </summary>
public static class AccountCommands
{
    public const string Verb = "account";

    public const string Usage = """
        Spbe.Identity account add <user> --name <name> --role <role> [--role <role>…] [--opd <code>] [--nip <nip>] [--email <email>] [--position <text>]
        Spbe.Identity account password <user>     (the new password on standard input)
        Spbe.Identity account totp <user>         (a new authenticator key; the old one stops working)
        Spbe.Identity account disable <user> | enable <user>
        Spbe.Identity account list
        """;

    public static void AddAccounts(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<AccountStore>(o => o.UseNpgsql(connectionString));
        services.AddIdentityCore<Account>(o =>
            {
                // NIST SP 800-63B: length over composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_";
            })
            .AddEntityFrameworkStores<AccountStore>()
            .AddTokenProvider<AuthenticatorTokenProvider<Account>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<IPeopleDirectory, AccountPeople>();
    }

    /// <summary>Runs one command; the exit code says whether it did what was asked.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var issuer = scope.ServiceProvider.GetRequiredService<IConfiguration>()["Identity:TotpIssuer"] ?? "SPBE";
        if (args.Count == 1 && args[0] == "list")
        {
            foreach (var a in await users.Users.OrderBy(a => a.UserName).ToListAsync())
                await output.WriteLineAsync($"{a.UserName}\t{a.Name}\t{string.Join(",", a.Roles)}\t{a.Opd}\t{a.Nip}\t{(a.IsDisabled ? "disabled" : "active")}");
            return 0;
        }
        if (args.Count < 2) return Fail(error, Usage);
        var (verb, user) = (args[0], args[1].ToLowerInvariant());
        var account = await users.FindByNameAsync(user);
        if (verb != "add" && account is null) return Fail(error, $"No account '{user}'.");
        switch (verb)
        {
            case "add":
                if (account is not null) return Fail(error, $"The account '{user}' exists already.");
                var options = Options(args.Skip(2).ToList());
                if (options is null) return Fail(error, Usage);
                account = new Account
                {
                    UserName = user, Name = options.GetValueOrDefault("name")?.Single() ?? "", Roles = options.GetValueOrDefault("role") ?? [],
                    Opd = options.GetValueOrDefault("opd")?.Single(), Nip = options.GetValueOrDefault("nip")?.Single(),
                    Email = options.GetValueOrDefault("email")?.Single(), Position = options.GetValueOrDefault("position")?.Single(), TwoFactorEnabled = true,
                };
                if (account.Opd is not null) account.Opd = Spbe.Contracts.OpdCode.Normalize(account.Opd);
                var problems = People.Problems(user, account.Name, account.Roles, account.Opd, account.Nip);
                if (problems.Count > 0) return Fail(error, string.Join("\n", problems.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}")));
                if (await ReadPasswordAsync(input) is not { } password) return Fail(error, "No password on standard input.");
                if (Failed(await users.CreateAsync(account, password), error)) return 1;
                return await NewAuthenticatorAsync(users, account, issuer, output);
            case "password":
                if (await ReadPasswordAsync(input) is not { } changed) return Fail(error, "No password on standard input.");
                // Checked before the old one is removed, so a refused password leaves the account as it was.
                foreach (var validator in users.PasswordValidators)
                    if (Failed(await validator.ValidateAsync(users, account!, changed), error)) return 1;
                if (Failed(await users.RemovePasswordAsync(account!), error) || Failed(await users.AddPasswordAsync(account!, changed), error)) return 1;
                await output.WriteLineAsync($"The password of '{user}' is changed.");
                return 0;
            case "totp":
                return await NewAuthenticatorAsync(users, account!, issuer, output);
            case "disable" or "enable":
                if (Failed(await users.SetLockoutEndDateAsync(account!, verb == "disable" ? DateTimeOffset.MaxValue : null), error)) return 1;
                await output.WriteLineAsync($"'{user}' is {verb}d.");
                return 0;
            default:
                return Fail(error, Usage);
        }
    }

    private static async Task<int> NewAuthenticatorAsync(UserManager<Account> users, Account account, string issuer, TextWriter output)
    {
        await users.ResetAuthenticatorKeyAsync(account);
        var key = await users.GetAuthenticatorKeyAsync(account);
        var label = Uri.EscapeDataString($"{issuer}:{account.UserName}");
        await output.WriteLineAsync($"Authenticator key of '{account.UserName}': {key}");
        await output.WriteLineAsync($"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30");
        return 0;
    }

    private static Dictionary<string, List<string>>? Options(List<string> args)
    {
        var options = new Dictionary<string, List<string>>();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count) return null;
            var name = args[i][2..];
            if (name is not ("name" or "role" or "opd" or "nip" or "email" or "position")) return null;
            if (!options.TryGetValue(name, out var values)) options[name] = values = [];
            values.Add(args[i + 1]);
        }
        return options.Where(o => o.Key != "role").Any(o => o.Value.Count > 1) ? null : options;
    }

    private static async Task<string?> ReadPasswordAsync(TextReader input) => (await input.ReadLineAsync())?.TrimEnd('\r') is { Length: > 0 } p ? p : null;

    private static bool Failed(IdentityResult result, TextWriter error)
    {
        foreach (var e in result.Errors) error.WriteLine(e.Description);
        return !result.Succeeded;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }
}
