using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using Spbe.Sop;

namespace Spbe.ServiceDefaults;

/// <summary>
/// A multipart/form-data request body, described by a record whose properties are the form's fields
/// (an <see cref="IFormFile"/> for a file): for endpoints that read the form themselves.
/// </summary>
/// <remarks>The only endpoints a multipart body reaches: the service's body limit is theirs to set, before they read.</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MultipartBodyAttribute(Type form) : Attribute
{
    public Type Form { get; } = form;
}

/// <summary>
/// Documents the values a form field takes from the list the service checks against: a static
/// <c>IEnumerable&lt;string&gt;</c>, or a dictionary whose keys are the values (for a list field, its items).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute(Type type, string member) : Attribute
{
    public IReadOnlyList<string> Values { get; } = Read(type, member);

    private static string[] Read(Type type, string member)
    {
        var value = type.GetField(member)?.GetValue(null) ?? type.GetProperty(member)?.GetValue(null)
            ?? throw new InvalidOperationException($"{type.Name}.{member} is not a static field or property.");
        return value switch
        {
            System.Collections.IDictionary dictionary => dictionary.Keys.Cast<object>().Select(k => k.ToString()!).ToArray(),
            IEnumerable<string> values => values.ToArray(),
            _ => throw new InvalidOperationException($"{type.Name}.{member} is neither a dictionary nor a list of strings."),
        };
    }
}

/// <summary>A form field holding a date as <c>yyyy-MM-dd</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DateFieldAttribute : Attribute;

/// <summary>The command takes an <c>Idempotency-Key</c> header (<see cref="Idempotency"/>); the contract says so.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// Makes each service's OpenAPI document say what the service does, from what the endpoints already
/// declare: the responses of their <see cref="ProducesResponseTypeAttribute"/>s (Wolverine's guesses
/// from the handler's return type dropped), 401/403 from the authorization matrix row, 413/429/503
/// that the platform answers, every error with the problem-details schema, the If-Match header where
/// 412 can happen, one tag per resource (the path's first segment), the bearer scheme.
/// Request bodies are the <c>*Form</c> records: all their properties are nullable so that the service
/// can name each missing field in its 400; the document says which ones it requires
/// (<see cref="RequiredAttribute"/>) and which values it takes (<see cref="OneOfAttribute"/>).
/// </summary>
public static partial class OpenApiContract
{
    public const string BearerScheme = "bearer";
    private const string Problem = "Problem", ValidationProblem = "ValidationProblem";

    /// <summary>Settings from the <c>OpenApi</c> section of a service's configuration.</summary>
    public sealed class Settings
    {
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";
        public string Version { get; set; } = "1.0.0";
        /// <summary>The address other systems reach the service at (documents carry it; the API gateway imports it).</summary>
        public string ServerUrl { get; set; } = "";
        /// <summary>Tag (the first path segment) → its description.</summary>
        public Dictionary<string, string> Tags { get; set; } = [];
    }

    public static TBuilder AddSpbeOpenApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var settings = builder.Configuration.GetSection("OpenApi").Get<Settings>() ?? new Settings();
        builder.Services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer((schema, context, _) =>
            {
                DescribeForm(schema, context);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(async (operation, context, ct) => await DescribeOperationAsync(operation, context, ct));
            o.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document, settings);
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    private static void DescribeDocument(OpenApiDocument document, Settings settings)
    {
        document.Info = new OpenApiInfo { Title = settings.Title, Description = settings.Description, Version = settings.Version };
        document.Servers = string.IsNullOrEmpty(settings.ServerUrl) ? [] : [new OpenApiServer { Url = settings.ServerUrl }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token (at+jwt) of the office's OpenID Connect provider, audience `spbe`.",
            },
        };
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal)
            .Select(name => new OpenApiTag { Name = name, Description = settings.Tags.GetValueOrDefault(name ?? "") }));
        foreach (var (name, schema) in document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            if (name.EndsWith("Form", StringComparison.Ordinal) && schema is OpenApiSchema form) RequireWhatIsRequired(form);
        RemoveUnusedSchemas(document);
        SortPaths(document);
    }

    /// <summary>
    /// Paths in order of their address, operations in HTTP's order: the document (and the clients generated from it)
    /// stays the same whichever order Wolverine registered the endpoints in (it differs between generated and compiled adapters).
    /// </summary>
    private static void SortPaths(OpenApiDocument document)
    {
        var methods = new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Post, HttpMethod.Delete, HttpMethod.Options, HttpMethod.Head, HttpMethod.Patch, HttpMethod.Trace };
        var paths = document.Paths.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        document.Paths.Clear();
        foreach (var (address, item) in paths)
        {
            if (item is OpenApiPathItem { Operations: { Count: > 1 } operations })
            {
                var ordered = operations.OrderBy(o => Array.IndexOf(methods, o.Key) is var i and >= 0 ? i : methods.Length).ToList();
                operations.Clear();
                foreach (var (method, operation) in ordered) operations[method] = operation;
            }
            document.Paths[address] = item;
        }
    }

    /// <summary>
    /// A form's required property is never null (the framework wraps a nullable reference in a
    /// <c>oneOf</c> with null after the schema transformers ran, so this runs on the whole document),
    /// and a required text is not blank: the service trims text and refuses what is left empty.
    /// </summary>
    private static void RequireWhatIsRequired(OpenApiSchema form)
    {
        if (form.Properties is null || form.Required is null) return;
        foreach (var name in form.Required)
        {
            if (!form.Properties.TryGetValue(name, out var property)) continue;
            form.Properties[name] = property = WithoutNull(property);
            if (property is OpenApiSchema { Type: JsonSchemaType.String, Enum: null or { Count: 0 } } text && text.Format is not ("binary" or "date"))
            {
                text.MinLength ??= 1;
                text.Pattern ??= @"\S";
            }
        }
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var row = metadata.OfType<Permission>().FirstOrDefault();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var method = context.Description.HttpMethod ?? "GET";
        var path = "/" + (context.Description.RelativePath ?? "").TrimStart('/');

        // One tag per resource: the path's first segment.
        var tag = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "service";
        operation.Tags = new HashSet<OpenApiTagReference> { new(tag, context.Document) };
        // Wolverine describes an endpoint by its operation id or, with committed generated code, by the generated type's name (GET_analyses_id).
        if (string.IsNullOrEmpty(operation.Description) || operation.Description == operation.OperationId || GeneratedTypeName().IsMatch(operation.Description))
            operation.Description = null;
        if (row is not null)
            operation.Description = string.Join("\n\n", new[] { operation.Description, $"Roles: {string.Join(", ", row.Roles.Select(r => $"`{r}`"))}. {row.What}".Trim() }
                .Where(s => !string.IsNullOrWhiteSpace(s)));

        // The responses the endpoint declares, and only those (Wolverine adds a 200 of the handler's
        // return type, IResult, and a 404 to every endpoint, whether it can answer them or not).
        var declared = metadata.OfType<ProducesResponseTypeAttribute>().Select(a => a.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        if (declared.Count > 0 && operation.Responses is not null)
            foreach (var code in operation.Responses.Keys.Where(k => !declared.Contains(k)).ToList())
                operation.Responses.Remove(code);
        operation.Responses ??= [];

        // A public operation says so: an empty requirement is "no credentials needed".
        if (anonymous) operation.Security = [new OpenApiSecurityRequirement()];
        else if (row is not null)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            Add(operation, "401", "No valid access token.");
            Add(operation, "403", "The token's role or agency may not do this.");
        }
        if (!HttpMethods.IsGet(method))
        {
            Add(operation, "413", "The body is larger than the service accepts.");
            Add(operation, "429", "Too many commands from this user in the window; retry after the Retry-After header.");
        }
        Add(operation, "503", "The database is unreachable for a moment; retry after the Retry-After header.");

        if (metadata.OfType<MultipartBodyAttribute>().FirstOrDefault() is { } multipart)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new() { Schema = await context.GetOrCreateSchemaAsync(multipart.Form, null, ct) },
                },
            };
        // A form parameter is nullable only so that a missing body is a 400 naming it: the body is required.
        else if (operation.RequestBody is OpenApiRequestBody body)
            body.Required = true;

        // Paging and ids are read as text (so that "abc" is a 400 naming them) but take whole numbers and ids.
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "page")
                (parameter.Schema, parameter.Description) = (new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = Paging.MaxPage.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = JsonValue.Create(1) }, "The page, from 1.");
            else if (parameter.Name == "pageSize")
                (parameter.Schema, parameter.Description) = (new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = Paging.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = JsonValue.Create(Paging.DefaultPageSize) }, "Items per page.");
            else if (parameter.Name == "limit")
                (parameter.Schema, parameter.Description) = (new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "200", Default = JsonValue.Create(50) }, "Items per page.");
            else if (parameter.Name == "after")
                (parameter.Schema, parameter.Description) = (new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" }, "The cursor of the previous page (its `next`).");
            else if (parameter.Name == "requestId")
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
        }

        if (metadata.OfType<IdempotentAttribute>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "A key of the caller's choosing (a UUID): the same key with the same body again answers what the first " +
                              "answered and creates nothing; with another body it is a 409.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Idempotency.MaxKeyLength },
            });
        }

        if (operation.Responses.ContainsKey("412"))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The ETag of the version read (e.g. `\"3\"`); the command is refused with 412 when the resource changed since.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" },
            });
        }

        foreach (var (code, response) in operation.Responses.ToList())
        {
            if (code.Length != 3 || code[0] is not ('4' or '5') || response is not OpenApiResponse concrete) continue;
            var schemaName = code == "400" ? ValidationProblem : Problem;
            EnsureProblemSchemas(context.Document!);
            concrete.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schemaName, context.Document) },
            };
            if (code is "429" or "503")
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
            }
        }
        // Keep the responses in status order, whatever order they were declared or added in.
        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (code, response) in ordered) operation.Responses.Add(code, response);
    }

    private static void Add(OpenApiOperation operation, string code, string description)
    {
        if (!operation.Responses!.ContainsKey(code)) operation.Responses.Add(code, new OpenApiResponse { Description = description });
    }

    private static void EnsureProblemSchemas(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (document.Components.Schemas.ContainsKey(Problem)) return;
        OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        Dictionary<string, IOpenApiSchema> Common() => new()
        {
            ["type"] = Text("A URI naming the kind of problem."),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status." },
            ["detail"] = Text("What happened, for this occurrence: for a 409 the reason the step is not allowed now."),
            ["instance"] = Text("The request's path."),
            ["traceId"] = Text("The trace to look up in the Aspire dashboard."),
        };
        document.Components.Schemas[Problem] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Properties = Common(),
        };
        var validation = Common();
        validation["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Per field (a JSON path such as `requestMemo.signedBy.nip`), why its value is refused.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            Examples = [new JsonObject { ["title"] = new JsonArray("Required.") }],
        };
        document.Components.Schemas[ValidationProblem] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details of a refused input, with the fields at fault.",
            Properties = validation,
            Required = new HashSet<string> { "errors" },
        };
    }

    /// <summary>
    /// A <c>*Form</c> record: a property is required when it has <see cref="RequiredAttribute"/> (then
    /// never null nor blank), optional otherwise; <see cref="OneOfAttribute"/> lists its values.
    /// </summary>
    private static void DescribeForm(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var info = context.JsonTypeInfo;
        // Also when the form is a property's schema (a nested form): that one becomes the component.
        if (info.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object
            || !info.Type.Name.EndsWith("Form", StringComparison.Ordinal) || schema.Properties is null) return;

        schema.Required = new HashSet<string>();
        foreach (var property in info.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var propertySchema)) continue;
            var attributes = property.AttributeProvider?.GetCustomAttributes(true) ?? [];
            if (attributes.OfType<RequiredAttribute>().Any())
            {
                schema.Required.Add(property.Name);
                schema.Properties[property.Name] = propertySchema = WithoutNull(propertySchema);
            }
            if (propertySchema is not OpenApiSchema concrete) continue;
            var target = concrete.Items as OpenApiSchema ?? concrete;
            if (attributes.OfType<OneOfAttribute>().FirstOrDefault() is { } oneOf)
                target.Enum = oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
            if (attributes.OfType<DateFieldAttribute>().Any()) { target.Format = "date"; target.Pattern = @"^\d{4}-\d{2}-\d{2}$"; }
            if (attributes.OfType<DescriptionAttribute>().FirstOrDefault() is { } description) concrete.Description = description.Description;
        }
    }

    private static IOpenApiSchema WithoutNull(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchema { OneOf.Count: 2 } union && union.OneOf.Count(s => s.Type == JsonSchemaType.Null) == 1)
            return union.OneOf.Single(s => s.Type != JsonSchemaType.Null);
        if (schema is OpenApiSchema { Type: { } type } concrete && type.HasFlag(JsonSchemaType.Null))
            concrete.Type = type & ~JsonSchemaType.Null;
        return schema;
    }

    /// <summary>Drops component schemas nothing refers to any more (IResult, the framework's ProblemDetails).</summary>
    private static void RemoveUnusedSchemas(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { Count: > 0 } schemas) return;
        while (true)
        {
            // A schema referred to only by an unused one goes in the next round.
            var json = Serialize(document);
            var referenced = SchemaReference().Matches(json).Select(m => m.Groups[1].Value).ToHashSet();
            var unused = schemas.Keys.Where(k => !referenced.Contains(k)).ToList();
            if (unused.Count == 0) return;
            foreach (var name in unused) schemas.Remove(name);
        }
    }

    private static string Serialize(OpenApiDocument document)
    {
        using var writer = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(writer));
        return writer.ToString();
    }

    [GeneratedRegex("\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex SchemaReference();

    [GeneratedRegex("^(GET|POST|PUT|PATCH|DELETE|HEAD)_[A-Za-z0-9_]*$")]
    private static partial Regex GeneratedTypeName();
}
