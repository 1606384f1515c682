using Multica.Application.Attachments;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Multica.Application.Auth;
using Multica.Application.Common;
using Multica.Application.Common.Security;
using Multica.Application.Common.Timing;

namespace Multica.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.Configure<SlowRequestOptions>(configuration.GetSection(SlowRequestOptions.Section));
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.AddScoped(typeof(Lazy<>), typeof(ScopedLazy<>));
        services.AddScoped<ICallerContext, CallerContext>();
        services.AddScoped<AccessScope>();
        services.AddScoped<IRequestTimings, RequestTimings>();
        services.AddSingleton<SignupPolicy>();
        services.AddSingleton<Authenticator>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
