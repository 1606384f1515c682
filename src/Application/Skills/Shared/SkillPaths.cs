namespace Multica.Application.Skills.Shared;

/// <summary>Skill file paths must be non-empty, relative, and must not climb out (".." after cleaning).</summary>
public static class SkillPaths
{
    public static bool IsValid(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Length > 1024 || path.Contains('\0'))
            return false;
        if (path.StartsWith('/') || path.StartsWith('\\') || (path.Length > 1 && path[1] == ':'))
            return false;
        var depth = 0;
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == "..")
            {
                if (--depth < 0)
                    return false;
                continue;
            }
            depth++;
        }
        return depth > 0;
    }
}
