using DihNode.Node.Federation;
using DihNode.Node.OData;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DihNode.Node.Hosting;

/// <summary>
/// Builds the node's web application over an open <see cref="NodeStore"/>: Kestrel on
/// <see cref="NodeOptions.Urls"/>, the services every endpoint shares, request logs, error answers
/// without stack traces, and the endpoints (health, SPARQL protocol, Graph Store, OData, linked data, web UI).
/// </summary>
public static class NodeServer
{
    public static WebApplication Build(NodeOptions options, NodeStore store, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "dihnode", Args = [], ContentRootPath = AppContext.BaseDirectory });
        if (options.GrpcUrls is null) builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.AddServerHeader = false;
            if (options.GrpcUrls is not null) FederationSetup.Listen(k, options); // HTTP/1.1 and HTTP/2 on separate ports
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.TimestampFormat = "O");
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        store.Registry.LockWait = options.LockWait;
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(store.Registry);
        builder.Services.AddSingleton<WriteAccess>();
        if (options.KeysFile is not null)
        {
            builder.Services.AddSingleton<KeysFileReloader>();
            builder.Services.AddHostedService(s => s.GetRequiredService<KeysFileReloader>());
        }
        builder.Services.AddSingleton<ClientIdentity>();
        builder.Services.AddSingleton<QueryGate>();
        builder.Services.AddSingleton<Sparql.VoidStatisticsCache>();
        builder.Services.AddSingleton(new ClientBudget(options));
        builder.Services.AddScoped(_ => store.NewContext());
        builder.Services.AddProblemDetails();
        if (options.Federation is not null) FederationSetup.AddServices(builder, options, store);
        builder.Services.AddNodeOData();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor });
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<ClientBudgetMiddleware>();
        app.UseMiddleware<BodyLimit>();
        HealthEndpoints.Map(app);
        LinkedData.LinkedDataEndpoints.Map(app);
        Sparql.SparqlEndpoints.MapSparql(app);
        GraphStore.GraphStoreEndpoints.MapGraphStore(app);
        FederationSetup.Map(app, options);
        app.MapNodeOData();
        Web.WebEndpoints.Map(app);
        return app;
    }

    /// <summary>Errors the client caused get a 4xx; anything else a 500, whose body never shows a stack trace.</summary>
    private static int StatusFor(Exception e) => e switch
    {
        BadHttpRequestException b => b.StatusCode,
        RegistryRuleException => StatusCodes.Status400BadRequest,
        HubVersionConflictException => StatusCodes.Status412PreconditionFailed,
        DatabaseLockedException => StatusCodes.Status503ServiceUnavailable,
        OperationCanceledException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
