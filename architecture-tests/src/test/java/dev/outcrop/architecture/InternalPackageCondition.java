package dev.outcrop.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * "Accesses another module's internal package": a dependency on {@code X.internal..} from a class
 * outside {@code X..}. The part before {@code .internal} names the owning module's package.
 */
final class InternalPackageCondition {

    static final ArchCondition<JavaClass> ACCESS_ANOTHER_MODULES_INTERNALS = new ArchCondition<>("access another module's internal package") {
        @Override
        public void check(JavaClass origin, ConditionEvents events) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getPackageName();
                if (violates(origin.getPackageName(), target)) {
                    events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                }
            }
        }
    };

    private InternalPackageCondition() {
    }

    /** True when {@code target} is an Outcrop internal package that does not belong to {@code origin}'s module. */
    static boolean violates(String origin, String target) {
        if (!target.startsWith("dev.outcrop.")) {
            return false;
        }
        int internal = target.indexOf(".internal");
        if (internal < 0 || !(target.length() == internal + 9 || target.charAt(internal + 9) == '.')) {
            return false;
        }
        String owner = target.substring(0, internal);
        return !(origin.equals(owner) || origin.startsWith(owner + "."));
    }
}
