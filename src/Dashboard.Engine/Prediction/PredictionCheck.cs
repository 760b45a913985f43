namespace Dashboard.Engine.Prediction;

/// <summary>One strategy's prediction beside what it measured.</summary>
/// <param name="MeasuredSeconds">The strategy's median wall time; null when it has none yet (not run, or every repetition cancelled).</param>
public sealed record PredictionCheck(StrategyPrediction Prediction, double? MeasuredSeconds)
{
    /// <summary>The result key.</summary>
    public string Strategy => Prediction.Strategy;

    /// <summary>Predicted seconds per repetition.</summary>
    public double PredictedSeconds => Prediction.Seconds;

    /// <summary>(predicted - measured) / measured: +0.2 predicted 20 % too long; null without a measurement.</summary>
    public double? Error => MeasuredSeconds is > 0 and var measured ? (PredictedSeconds - measured) / measured : null;
}
