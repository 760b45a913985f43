namespace Dashboard.Engine.Prediction;

/// <summary>One strategy's predicted wall time per repetition and what it assumed.</summary>
/// <param name="Strategy">The result key it predicts.</param>
/// <param name="Seconds">The predicted wall time of one repetition.</param>
public sealed record StrategyPrediction(string Strategy, double Seconds, PredictionAssumptions Assumptions);
