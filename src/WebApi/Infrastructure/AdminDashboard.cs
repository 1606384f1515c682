using Microsoft.Extensions.FileProviders;

namespace Multica.WebApi.Infrastructure;

/// <summary>The operator dashboard's static files (wwwroot/admin), served at /admin and nowhere else.</summary>
public static class AdminDashboard
{
    public static IFileProvider Files(IWebHostEnvironment environment)
    {
        var folder = Path.Combine(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"), "admin");
        return Directory.Exists(folder) ? new PhysicalFileProvider(folder) : new NullFileProvider();
    }
}
