using System.Net;
using DihNode.Node.Hosting;

namespace DihNode.Reliability.Tests.Security;

/// <summary>The budget's bookkeeping on a clock the test moves: windows, both budgets, separate clients.</summary>
public sealed class ClientBudgetTests
{
    private static readonly IPAddress s_a = IPAddress.Parse("192.0.2.1"), s_b = IPAddress.Parse("192.0.2.2");

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (ClientBudget, Clock) Budget()
    {
        var clock = new Clock();
        var options = new NodeOptions { Database = "unused", ClientBudgetWindow = TimeSpan.FromSeconds(60), ClientTimeBudget = TimeSpan.FromSeconds(10), ClientErrorBudget = 3 };
        return (new ClientBudget(options, clock), clock);
    }

    [Fact]
    public void TimeOverTheBudgetRefusesUntilTheWindowEnds()
    {
        var (budget, clock) = Budget();
        budget.Charge(s_a, TimeSpan.FromSeconds(6), timed: true, error: false);
        Assert.Null(budget.Refusal(s_a));
        clock.Now += TimeSpan.FromSeconds(15);
        budget.Charge(s_a, TimeSpan.FromSeconds(6), timed: true, error: false);
        Assert.Equal(TimeSpan.FromSeconds(45), budget.Refusal(s_a));
        Assert.Null(budget.Refusal(s_b));
        clock.Now += TimeSpan.FromSeconds(44);
        Assert.Equal(TimeSpan.FromSeconds(1), budget.Refusal(s_a));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Null(budget.Refusal(s_a)); // a new window
    }

    [Fact]
    public void ErrorsOverTheBudgetRefuseAndUntimedRequestsCostNoTime()
    {
        var (budget, _) = Budget();
        for (int i = 0; i < 3; i++) budget.Charge(s_a, TimeSpan.FromSeconds(100), timed: false, error: true);
        Assert.Null(budget.Refusal(s_a)); // three errors are within a budget of three; the 300 s were not on timed paths
        budget.Charge(s_a, TimeSpan.Zero, timed: false, error: true);
        Assert.NotNull(budget.Refusal(s_a));
        Assert.Null(budget.Refusal(s_b));
    }

    [Fact]
    public void AZeroWindowTurnsBudgetsOff()
    {
        var budget = new ClientBudget(new NodeOptions { Database = "unused", ClientBudgetWindow = TimeSpan.Zero, ClientErrorBudget = 0 });
        budget.Charge(s_a, TimeSpan.FromHours(1), timed: true, error: true);
        Assert.False(budget.Enabled);
        Assert.Null(budget.Refusal(s_a));
    }
}
