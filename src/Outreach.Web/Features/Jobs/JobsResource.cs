namespace Outreach.Web.Features.Jobs;

/// <summary>Marker for the jobs feature's strings: JobsResource.resx (Vietnamese, neutral) and JobsResource.en.resx.</summary>
public sealed class JobsResource;
