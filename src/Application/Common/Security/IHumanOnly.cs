namespace Multica.Application.Common.Security;

/// <summary>Marker: a mat_ task token may not call this (token management, secrets).</summary>
public interface IHumanOnly;
