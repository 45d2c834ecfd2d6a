using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Spbe.Identity.Accounts;

/// <summary>The accounts, beside OpenIddict's tables in the <c>identity</c> schema.</summary>
public sealed class AccountStore(DbContextOptions<AccountStore> options) : IdentityUserContext<Account>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(IdentityStore.Schema);
        builder.Entity<Account>().ToTable("accounts");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("account_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("account_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("account_tokens");
    }
}
