using Bunit;
using Dashboard.Engine.Running;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Run page's Run button, clicked as a person would: its handler awaits the owner check before it enqueues, so the plan is waited for, never read at once.</summary>
internal static class RunButton
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Clicks Run and returns the one plan it enqueued.</summary>
    public static RunPlan ClickAndWaitForPlan<T>(IRenderedComponent<T> cut, FakeRunQueue queue)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        cut.Find("button[data-test=run-button]").Click();
        cut.WaitForAssertion(() => Assert.Single(queue.Enqueued), Wait);
        return queue.Enqueued[0];
    }
}
