namespace Multica.Application.Projects.Shared;

public sealed record ProjectListDto(IReadOnlyList<ProjectDto> Projects, int Total);
