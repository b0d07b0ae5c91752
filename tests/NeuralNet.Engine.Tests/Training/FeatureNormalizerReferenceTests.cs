using System.Text.Json.Nodes;
using NeuralNet.Data;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Training;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Engine.Tests.Training;

/// <summary>
/// Imputation and every normalisation mode against scikit-learn (tests/NeuralNet.Engine.Tests/References/make_preprocessing.py):
/// fitted on the training rows only, applied to all.
/// </summary>
public sealed class FeatureNormalizerReferenceTests
{
    private static readonly JsonNode Reference = ReferenceData.Load("tests/NeuralNet.Engine.Tests/References/preprocessing.json");

    private static float[] Rows(string key)
        => Reference[key]!.AsArray().SelectMany(row => row!.AsArray().Select(v => v is null ? float.NaN : v.GetValue<float>())).ToArray();

    private static (TensorSampleSet Set, int[] Train, FeatureColumn[] Columns) Data()
    {
        float[] x = Rows("x");
        int d = 5, n = x.Length / d;
        var set = new TensorSampleSet(new Tensor(x, n, new TensorShape(d)), new Tensor(n, 1));
        int[] train = Reference["train"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        FeatureColumn[] columns = Reference["columns"]!.AsArray()
            .Select(c => new FeatureColumn(c!["name"]!.GetValue<string>(), c["categories"]?.AsArray().Select(k => k!.GetValue<string>()).ToArray()))
            .ToArray();
        return (set, train, columns);
    }

    private static float[] FitAndApply(PreprocessingSettings settings, bool impute = true)
    {
        var (set, train, columns) = Data();
        FeatureNormalizer normalizer = FeatureNormalizer.Fit(settings, NormalizationScope.Feature, set, train, impute, columns);
        var x = new Tensor((float[])set.Features.Buffer.Clone(), set.Count, set.FeatureShape);
        normalizer.Apply(x);
        return x.Buffer;
    }

    [Test]
    public void Fit_Impute_MeanOfNumericColumnsAndMostFrequentCategoryOfTrainingRows()
    {
        var (set, train, columns) = Data();

        FeatureNormalizer normalizer = FeatureNormalizer.Fit(new PreprocessingSettings { Normalize = NormalizationKind.None }, NormalizationScope.Feature, set, train, impute: true, columns);

        Assert.That(normalizer.Fill, Is.EqualTo(ReferenceData.Floats(Reference["fill"])).Within(1e-5f));
        Assert.That(FitAndApply(new PreprocessingSettings { Normalize = NormalizationKind.None }), Is.EqualTo(Rows("filled")).Within(1e-5f));
    }

    [Test]
    public void Fit_WithoutImpute_HasNoFillAndLeavesNaN()
    {
        float[] x = FitAndApply(new PreprocessingSettings { Normalize = NormalizationKind.None }, impute: false);

        Assert.That(float.IsNaN(x[6]), Is.True);
    }

    [TestCase(NormalizationKind.Standard, "standard")]
    [TestCase(NormalizationKind.MinMax, "minmax")]
    [TestCase(NormalizationKind.MinMaxStandard, "minmax_standard")]
    [TestCase(NormalizationKind.PerSample, "per_sample")]
    [TestCase(NormalizationKind.Scale, "scale")]
    public void Apply_EachMode_MatchesScikitLearn(NormalizationKind kind, string key)
    {
        float[] actual = FitAndApply(new PreprocessingSettings { Normalize = kind });

        Assert.That(actual, Is.EqualTo(Rows(key)).Within(2e-5f), key);
    }

    [Test]
    public void Apply_MinMaxToAConfiguredRange_MatchesScikitLearnsFeatureRange()
    {
        float[] actual = FitAndApply(new PreprocessingSettings { Normalize = NormalizationKind.MinMax, Range = [-1f, 1f] });

        Assert.That(actual, Is.EqualTo(Rows("minmax_range")).Within(2e-5f));
    }

    [Test]
    public void Apply_ScaleByAnotherDivisor_DividesByIt()
    {
        var (set, train, _) = Data();
        FeatureNormalizer normalizer = FeatureNormalizer.Fit(new PreprocessingSettings { Normalize = NormalizationKind.Scale, Divisor = 4 }, NormalizationScope.Feature, set, train);
        var x = new Tensor([8f, 2f, 0f, 1f, 0f], 1, new TensorShape(5));

        normalizer.Apply(x);

        Assert.That(x.Buffer, Is.EqualTo(new[] { 2f, 0.5f, 0f, 0.25f, 0f }));
    }

    [TestCase(new[] { 1f, 1f })]
    [TestCase(new[] { 2f, 1f })]
    [TestCase(new[] { 0f })]
    public void Settings_BadRange_RejectedNamingRange(float[] range)
    {
        var errors = new PreprocessingSettings { Range = range }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).ToList();

        Assert.That(errors.Single().MemberNames, Is.EqualTo(new[] { "Range" }));
    }

    [Test]
    public void Settings_ZeroDivisor_RejectedNamingDivisor()
    {
        var errors = new PreprocessingSettings { Divisor = 0 }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).ToList();

        Assert.That(errors.Single().MemberNames, Is.EqualTo(new[] { "Divisor" }));
    }
}
