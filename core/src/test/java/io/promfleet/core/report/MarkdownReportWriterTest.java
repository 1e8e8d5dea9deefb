package io.promfleet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.promfleet.api.Settings;
import io.promfleet.api.model.ClusterRole;
import io.promfleet.api.model.Fleet;
import io.promfleet.core.TestFleets;
import io.promfleet.core.audit.AuditEngine;
import io.promfleet.core.audit.AuditReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportWriterTest {

    private static List<String> headings(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("## ")).map(l -> l.substring(3)).toList();
    }

    @Test
    void koreanSectionsFollowTheOriginalAuditsOrder() {
        String md = ReportFixtures.render(ReportFormat.MD, Language.KO, ReportFixtures.report());
        assertThat(headings(md)).containsSubsequence("현황 요약", "상세 분석", "아키텍처 목표 vs 현실", "리소스 낭비 추정",
                "권장 조치 사항", "단계별 실행 계획", "주의사항", "다음 단계");
        assertThat(md).contains("심각도").contains("높음").contains("해결책");
    }

    @Test
    void englishSectionsFollowTheSameOrder() {
        String md = ReportFixtures.render(ReportFormat.MD, Language.EN, ReportFixtures.report());
        assertThat(headings(md)).containsSubsequence("Summary", "Per-cluster analysis", "Target architecture vs reality",
                "Resource waste estimate", "Recommended actions", "Phased plan", "Cautions", "Next steps");
        assertThat(md).startsWith("# promfleet audit of fleet lab-fleet");
    }

    @Test
    void coverageGapsAreListedWithTheirCheck() {
        String md = ReportFixtures.render(ReportFormat.MD, Language.EN, ReportFixtures.report());
        assertThat(headings(md)).contains("Coverage gaps");
        assertThat(md).contains("`pod-failed` (cluster-01): no pods exported");
    }

    @Test
    void tableCellsEscapePipesAndLineBreaks() {
        String md = ReportFixtures.render(ReportFormat.MD, Language.EN, ReportFixtures.report());
        String row = md.lines().filter(l -> l.startsWith("|") && l.contains("remote-write-unresolvable"))
                .findFirst().orElseThrow();
        assertThat(row).contains("the host a\\|b cannot resolve<br>from cluster-02");
        // Only the cell separators remain as unescaped pipes: severity, check, object, message.
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(5);
        assertThat(md).contains("| memory | 6.6 GiB \\| 600 MiB<br>after |");
    }

    @Test
    void aClusterNameWithAPipeStaysInItsSummaryCell() {
        Fleet fleet = new Fleet("f", List.of(
                TestFleets.cluster("team|a", ClusterRole.EDGE)));
        AuditReport report = new AuditEngine(List.of(), Settings.empty()).audit(fleet);
        String md = ReportFixtures.render(ReportFormat.MD, Language.EN, report);
        assertThat(md).contains("| team\\|a | edge |");
    }
}
