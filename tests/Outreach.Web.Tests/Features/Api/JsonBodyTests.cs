using System.Text.Json;
using Outreach.Web.Features.Api;

namespace Outreach.Web.Tests.Features.Api;

public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("$.deskCount", "deskCount")]
    [InlineData("$.openingHours[1].opens", "openingHours[1].opens")]
    [InlineData("$.collectionPointLocation.latitude", "collectionPointLocation.latitude")]
    [InlineData("$", "body")]
    [InlineData(null, "body")]
    public void FieldName_JsonPath_IsTheApiFieldName(string? path, string expected) =>
        Assert.Equal(expected, JsonBody.FieldName(path));

    [Fact]
    public void RawValue_NestedPath_IsTheTextSent()
    {
        using var document = JsonDocument.Parse("""{"openingHours":[{"opens":"07:30"},{"opens":"soon"}],"deskCount":"many"}""");

        Assert.Equal("\"soon\"", JsonBody.RawValue(document.RootElement, "$.openingHours[1].opens"));
        Assert.Equal("\"many\"", JsonBody.RawValue(document.RootElement, "$.deskCount"));
        Assert.Null(JsonBody.RawValue(document.RootElement, "$.missing"));
    }
}
