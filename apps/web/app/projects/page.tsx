import Link from 'next/link';
import { graphqlForPage } from '../../lib/api';
import { CreateProjectForm } from './CreateProjectForm';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Projects · scSAMAC' };

interface ProjectsData {
  projects: {
    totalCount: number;
    nodes: {
      id: string;
      name: string;
      description: string;
      viewerRole: string;
      createdAt: string;
      runCounts: { queued: number; running: number; succeeded: number; failed: number };
    }[];
  };
}

export default async function ProjectsPage() {
  const { projects } = await graphqlForPage<ProjectsData>(
    `query Projects {
      projects(first: 100) {
        totalCount
        nodes { id name description viewerRole createdAt runCounts { queued running succeeded failed } }
      }
    }`,
    {},
    '/projects',
  );
  return (
    <main>
      <h1>Projects</h1>
      {projects.nodes.length === 0 ? (
        <p className="muted">No projects yet. Create one to upload data and start runs.</p>
      ) : (
        <ul className="cards" aria-label="Your projects">
          {projects.nodes.map((project) => (
            <li key={project.id}>
              <h2 style={{ margin: 0, fontSize: '1.05rem' }}>
                <Link href={`/projects/${project.id}`}>{project.name}</Link>
              </h2>
              {project.description ? <p>{project.description}</p> : null}
              <p className="muted" style={{ margin: '0.3rem 0 0' }}>
                {project.viewerRole.toLowerCase()} · {project.runCounts.succeeded} finished,{' '}
                {project.runCounts.running + project.runCounts.queued} active, {project.runCounts.failed}{' '}
                failed runs
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>New project</h2>
      <CreateProjectForm />
    </main>
  );
}
