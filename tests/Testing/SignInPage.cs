using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Spbe.Testing;

/// <summary>
/// The provider's pages as a browser uses them: a form's hidden fields (the antiforgery token, the return address, or the
/// code a form_post answer carries) sent back with what the person fills in; and the PKCE pair an authorization starts with.
/// </summary>
public static partial class SignInPage
{
    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    /// <summary>Posts the page's form to <paramref name="action"/> with its hidden fields and the person's <paramref name="filled"/> ones.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient browser, Uri action, string html, IReadOnlyDictionary<string, string> filled)
    {
        var fields = HiddenFields(html);
        foreach (var (name, value) in filled) fields[name] = value;
        return browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The production sign-in form (<c>/masuk</c>): user name, password and the authenticator's code.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient browser, Uri page, string html, string username, string password, string code) =>
        PostAsync(browser, new Uri(page, "/masuk"), html, new Dictionary<string, string> { ["username"] = username, ["password"] = password, ["code"] = code });

    /// <summary>A fresh code verifier and its S256 challenge (RFC 7636).</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // No closing bracket: the provider's pages write ">", OpenIddict's form_post page " />".
    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
