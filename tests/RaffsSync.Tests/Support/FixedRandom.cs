namespace RaffsSync.Tests.Support;

/// <summary>A random source whose <see cref="NextDouble"/> always returns one value, to pin the retry jitter.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
