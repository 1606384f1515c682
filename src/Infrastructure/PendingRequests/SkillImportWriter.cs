using Multica.Application.Skills.Shared;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Multica.Application.PendingRequests;
using Multica.Application.PendingRequests.LocalSkillImport;
using Multica.Domain.Entities;
using Multica.Infrastructure.Persistence;

namespace Multica.Infrastructure.PendingRequests;

public sealed class SkillImportWriter(MulticaDbContext db, TimeProvider time, ILogger<SkillImportWriter> logger) : ISkillImportWriter
{
    public async Task<SkillImportResult> CreateAsync(SkillImportBundle bundle, CancellationToken ct)
    {
        var now = TruncateToMicros(time.GetUtcNow().UtcDateTime);
        var skill = new Skill
        {
            Id = Guid.NewGuid(),
            WorkspaceId = bundle.WorkspaceId,
            Name = bundle.Name,
            Description = bundle.Description,
            Content = bundle.Content,
            Config = bundle.ConfigJson,
            CreatedBy = bundle.CreatedBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var files = bundle.Files.Select(f => new SkillFile
        {
            Id = Guid.NewGuid(), SkillId = skill.Id, Path = f.Path, Content = f.Content, CreatedAt = now, UpdatedAt = now,
        }).ToList();

        // Skill and files in one SaveChanges, i.e. one transaction.
        db.Skills.Add(skill);
        db.SkillFiles.AddRange(files);
        try
        {
            await db.SaveRecoverableAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            if (PostgresErrors.IsUniqueViolation(ex) && PostgresErrors.ConstraintName(ex)?.Contains("skill_file") != true)
                return new SkillImportResult(null, [], ISkillImportWriter.DuplicateName);
            logger.LogWarning(ex, "local skill import could not create skill {Name}", bundle.Name);
            return new SkillImportResult(null, [], "failed to create skill");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        using var config = JsonDocument.Parse(skill.Config);
        var imported = new ImportedSkill(skill.Id, skill.WorkspaceId, skill.Name, skill.Description, skill.Content,
            config.RootElement.Clone(), skill.CreatedBy, skill.CreatedAt, skill.UpdatedAt);
        return new SkillImportResult(imported,
            files.Select(SkillFileDto.From).ToList(), null);
    }

    public Task DeleteAsync(Guid skillId, CancellationToken ct) =>
        db.Skills.Where(s => s.Id == skillId).ExecuteDeleteAsync(ct);

    // PostgreSQL keeps microseconds; return what a later read would see.
    private static DateTime TruncateToMicros(DateTime value) => new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);
}
